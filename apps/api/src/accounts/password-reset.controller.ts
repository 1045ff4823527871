import { Body, Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Auth } from '../authz/auth.decorator';
import { clientIp } from './auth.controller';
import { ForgotPasswordDto, ResetPasswordDto } from './password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller('auth/password')
@Auth({ public: true })
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post('forgot')
  @HttpCode(202)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'forgotPassword',
    summary: 'Mail a password-reset link to the account with this email, if there is one',
    description: 'Always 202, after the same time, whether or not the account exists.',
  })
  @ApiAcceptedResponse({ description: 'Accepted; a mail is sent if the email belongs to an account' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests for this email or from this address: wait for Retry-After seconds (problem+json)' })
  async forgot(@Body() dto: ForgotPasswordDto, @Req() req: Request): Promise<void> {
    await this.resets.requestLink(dto.email, clientIp(req));
  }

  @Post('reset')
  @HttpCode(204)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'resetPassword', summary: 'Set a new password with the token from the mail; every session of the account ends' })
  @ApiNoContentResponse({ description: 'The password is changed; sign in with it' })
  @ApiBadRequestResponse({ description: 'RESET_TOKEN_INVALID: unknown, expired or already used; or VALIDATION_FAILED (problem+json)' })
  async reset(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.resets.resetPassword(dto.token, dto.password);
  }
}
