import {
  BIRTH_YEAR_MIN,
  CONSENT_POLICY_VERSION,
  CONSENT_PURPOSES,
  type ConsentPurpose,
  DISPLAY_NAME_MAX_LENGTH,
  ERASE_CONFIRMATION,
  TARGET_GROUPS,
  type TargetGroup,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const present = ValidateIf((_object, value) => value !== undefined);

export class ChildConsentDto {
  @ApiProperty({ example: CONSENT_POLICY_VERSION, description: 'The policy version the guardian read (must be the current one)' })
  @IsString() @MaxLength(40)
  policyVersion: string;

  @ApiProperty({ enum: CONSENT_PURPOSES, enumName: 'ConsentPurpose', isArray: true, description: 'Must include learning' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CONSENT_PURPOSES.length) @IsIn(CONSENT_PURPOSES, { each: true })
  purposes: ConsentPurpose[];
}

export class CreateChildDto {
  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH, example: 'น้องมะลิ' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName: string;

  @ApiProperty({ type: 'integer', minimum: BIRTH_YEAR_MIN, description: 'Early childhood or youth (under 25 this year)', example: 2020 })
  @IsInt() @Min(BIRTH_YEAR_MIN)
  birthYear: number;

  @ApiProperty({ type: ChildConsentDto, description: "The guardian's consent for the child, recorded with the profile" })
  @IsObject() @ValidateNested() @Type(() => ChildConsentDto)
  consent: ChildConsentDto;
}

export class UpdateChildDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH })
  @present @Transform(trim) @IsString() @MinLength(1) @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: BIRTH_YEAR_MIN })
  @present @IsInt() @Min(BIRTH_YEAR_MIN)
  birthYear?: number;
}

export class ChildDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: 'integer' }) birthYear: number;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup' }) targetGroup: TargetGroup;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current learning consent was given; null if withdrawn' })
  consentGivenAt: string | null;
}

export class IdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class GiveConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES, enumName: 'ConsentPurpose' })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiProperty({ example: CONSENT_POLICY_VERSION })
  @IsString() @MaxLength(40)
  policyVersion: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of your children (a guardian consenting again); yourself when absent' })
  @IsOptional() @IsUUID()
  subjectId?: string;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONSENT_PURPOSES, enumName: 'ConsentPurpose' }) purpose: ConsentPurpose;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'date-time' }) givenAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null only in anonymised records (an erased account)' })
  givenById: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null only in anonymised records (an erased account)' })
  subjectId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: string | null;
}

export class EraseAccountDto {
  @ApiProperty({ enum: [ERASE_CONFIRMATION], description: 'Typed by the person, so the request is never sent by accident' })
  @IsIn([ERASE_CONFIRMATION])
  confirmation: typeof ERASE_CONFIRMATION;
}
