import {
  BIRTH_YEAR_MIN,
  DISPLAY_NAME_MAX_LENGTH,
  LOCALES,
  type Locale,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type Role,
  STAFF_STATUSES,
  type StaffStatus,
  TARGET_GROUPS,
  TARGET_GROUP_SOURCES,
  type TargetGroup,
  type TargetGroupSource,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength, registerDecorator, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/**
 * No birth year after the current one. Checked at request time rather than written into the
 * OpenAPI document, which must not change on New Year's Day. Reported as `max` ("is too large").
 */
function NotAfterThisYear() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'max',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not be later than this year` },
      validator: { validate: (value: unknown) => typeof value === 'number' && value <= new Date().getFullYear() },
    });
}
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;

/** Profile fields a person may give at sign-up and change later; null clears an optional one. */
export class ProfileFieldsDto {
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: BIRTH_YEAR_MIN, description: 'Not later than this year', example: 1958 })
  @IsOptional() @IsInt() @Min(BIRTH_YEAR_MIN) @NotAfterThisYear()
  birthYear?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+66 81 234 5678' })
  @IsOptional() @Transform(trim) @IsString() @Matches(PHONE)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'เชียงใหม่' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100)
  province?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'สันทราย' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100)
  district?: string | null;

  @ApiPropertyOptional({
    enum: TARGET_GROUPS,
    enumName: 'TargetGroup',
    nullable: true,
    description:
      'Derived from the birth year when not given (null: derive it again); education_staff waits for an administrator to confirm',
  })
  @IsOptional() @IsIn(TARGET_GROUPS)
  targetGroup?: TargetGroup | null;
}

export class SignUpDto extends ProfileFieldsDto {
  @ApiProperty({ example: 'somchai@example.org', maxLength: 254 })
  @Transform(trim) @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH, example: 'สมชาย ใจดี' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  @IsIn(LOCALES)
  preferredLocale: Locale;
}

export class SignInDto {
  @ApiProperty({ description: 'Email address or account code (BR-48217)', example: 'somchai@example.org', maxLength: 254 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(254)
  login: string;

  @ApiProperty({ maxLength: PASSWORD_MAX_LENGTH })
  @IsString() @MinLength(1) @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class SetupAdminDto {
  @ApiProperty({ example: 'admin@example.org', maxLength: 254 })
  @Transform(trim) @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  @IsIn(LOCALES)
  preferredLocale: Locale;
}

/** Absent fields stay as they are; unlike the nullable ones, these cannot be cleared with null. */
const present = ValidateIf((_object, value) => value !== undefined);

export class UpdateMeDto extends ProfileFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH })
  @present @Transform(trim) @IsString() @MinLength(1) @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale' })
  @present @IsIn(LOCALES)
  preferredLocale?: Locale;
}


export class ActingAsDto {
  @ApiProperty({ format: 'uuid' }) guardianId: string;
  @ApiProperty() guardianName: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ example: 'BR-48217', description: 'Shown on sign-in cards; accepted instead of an email at sign-in' })
  accountCode: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) preferredLocale: Locale;
  @ApiProperty({ type: 'integer', nullable: true }) birthYear: number | null;
  @ApiProperty({ type: String, nullable: true }) province: string | null;
  @ApiProperty({ type: String, nullable: true }) district: string | null;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup' }) targetGroup: TargetGroup;
  @ApiProperty({ enum: TARGET_GROUP_SOURCES, enumName: 'TargetGroupSource' }) targetGroupSource: TargetGroupSource;
  @ApiProperty({ enum: STAFF_STATUSES, enumName: 'StaffStatus' }) staffStatus: StaffStatus;
  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true }) roles: Role[];
  @ApiProperty({ description: 'A child profile managed by a guardian' }) isChild: boolean;
  @ApiProperty({ type: ActingAsDto, nullable: true, description: 'Set while a guardian acts as this child' })
  actingAs: ActingAsDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SessionDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header; keep it in memory only' }) accessToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: MeDto }) user: MeDto;
}

export class SetupStatusDto {
  @ApiProperty({ description: 'True until the first administrator exists' }) needsAdmin: boolean;
}
