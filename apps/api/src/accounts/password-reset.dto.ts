import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@baanrian/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ForgotPasswordDto {
  @ApiProperty({ example: 'somchai@example.org', maxLength: 254 })
  @Transform(trim) @IsEmail() @MaxLength(254)
  email: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token from the link in the mail (`/reset-password?token=…`)', maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  token: string;

  /** The same rules as at sign-up. */
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString() @MinLength(PASSWORD_MIN_LENGTH) @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
