import {
  DISPLAY_NAME_MAX_LENGTH,
  isGuessablePin,
  LOCALES,
  type Locale,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PIN_PATTERN,
  SECRET_KINDS,
  type SecretKind,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, registerDecorator } from 'class-validator';
import { ProfileFieldsDto } from './account.dto';
import { AdminUserDto, PageQueryDto } from './admin.dto';
import { SETUP_TOKEN_TTL_MINUTES } from './sign-in-card.codes';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Created by an instructor or administrator for someone without email: no email, no password. */
export class CreateAssistedAccountDto extends ProfileFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH, example: 'บุญมี ศรีสุข' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName: string;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale' })
  @IsIn(LOCALES)
  preferredLocale: Locale;
}

export class IssueCardDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'Needed once the holder has chosen a PIN or password: it is removed at once and their sessions end, ' +
      'and they choose a new one with the new card (a forgotten PIN). Without it such accounts get 409 CARD_SECRET_SET.',
  })
  @IsOptional() @IsBoolean()
  resetSecret?: boolean;
}

export class SignInCardDto {
  @ApiProperty({ example: 'BR-48217' }) accountCode: string;
  @ApiProperty({ example: 'K7MQ-3XPA', description: 'Shown once, here; only a keyed hash is stored' }) oneTimeCode: string;
  @ApiProperty({ example: 'https://learn.example.org/card#c=BR-48217.K7MQ3XPA', description: 'What the QR code holds; the codes are in the fragment, which browsers never send to a server' })
  signInUrl: string;
  @ApiProperty({ description: 'The QR code of signInUrl, an SVG document' }) qrSvg: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class AssistedAccountDto {
  @ApiProperty({ type: AdminUserDto }) user: AdminUserDto;
  @ApiProperty({ type: SignInCardDto }) card: SignInCardDto;
}

export class RedeemCardDto {
  @ApiProperty({ example: 'BR-48217', maxLength: 32 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(32)
  accountCode: string;

  @ApiProperty({ example: 'K7MQ-3XPA', maxLength: 32, description: 'Case, spaces and dashes do not matter' })
  @IsString() @MinLength(1) @MaxLength(32)
  oneTimeCode: string;
}

export class SetupTokenDto {
  @ApiProperty({ description: `Finishes this card within ${SETUP_TOKEN_TTL_MINUTES} minutes, with POST /auth/card/complete` }) setupToken: string;
}

/** A rule on `secret` that applies to one kind of secret only, reported under its own name. */
function ForSecretKind(kind: SecretKind, name: string, message: string, validate: (value: string) => boolean) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}` },
      validator: {
        validate: (value: unknown, args) =>
          (args?.object as { secretKind?: unknown }).secretKind !== kind || (typeof value === 'string' && validate(value)),
      },
    });
}

export class CompleteCardDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  setupToken: string;

  @ApiProperty({ enum: SECRET_KINDS, enumName: 'SecretKind' })
  @IsIn(SECRET_KINDS)
  secretKind: SecretKind;

  @ApiProperty({
    maxLength: PASSWORD_MAX_LENGTH,
    description: `A PIN is exactly 6 digits and not an easy one (000000, 123456, 121212…); a password is ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  @IsString() @MaxLength(PASSWORD_MAX_LENGTH)
  @ForSecretKind('pin', 'isPin', 'must be exactly 6 digits', (v) => PIN_PATTERN.test(v))
  @ForSecretKind('pin', 'isGuessablePin', 'is too easy to guess', (v) => !PIN_PATTERN.test(v) || !isGuessablePin(v))
  @ForSecretKind('password', 'minLength', `must be at least ${PASSWORD_MIN_LENGTH} characters`, (v) => v.length >= PASSWORD_MIN_LENGTH)
  secret: string;
}

export class ListAssistedAccountsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name or account code', maxLength: 100 })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100)
  q?: string;
}

export class AssistedAccountSummaryDto {
  @ApiProperty({ type: AdminUserDto }) user: AdminUserDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ type: String, nullable: true }) createdByName: string | null;
  @ApiProperty({ description: 'The holder has chosen a PIN or password (a new card then needs resetSecret)' }) secretSet: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Expiry of the card that still works, if any' })
  liveCardExpiresAt: string | null;
}

export class AssistedAccountPageDto {
  @ApiProperty({ type: [AssistedAccountSummaryDto] }) items: AssistedAccountSummaryDto[];
  @ApiProperty() total: number;
}
