import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Body, Controller, Header, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth } from '../authz/auth.decorator';
import { SessionDto, SignInDto, SignUpDto } from './account.dto';
import { AuthService } from './auth.service';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './session-cookie';

const TOO_MANY = { description: 'Too many attempts: wait for Retry-After seconds (problem+json)' };

@ApiTags('auth')
@Controller('auth')
@Auth({ public: true })
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-up')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'signUp', summary: 'Create a learner account with email and password, and sign in' })
  @ApiCreatedResponse({ type: SessionDto, description: 'Signed in; the refresh cookie is set' })
  @ApiConflictResponse({ description: 'EMAIL_TAKEN (problem+json)' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  async signUp(@Body() dto: SignUpDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { session, refresh } = await this.auth.signUp(dto, clientIp(req));
    setRefreshCookie(res, this.config, refresh);
    return session;
  }

  @Post('sign-in')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'signIn', summary: 'Sign in with an email or account code and a password' })
  @ApiOkResponse({ type: SessionDto, description: 'Signed in; the refresh cookie is set' })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS, the same for unknown logins (problem+json)' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { session, refresh } = await this.auth.signIn(dto, clientIp(req));
    setRefreshCookie(res, this.config, refresh);
    return session;
  }

  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiCookieAuth('refresh-cookie')
  @ApiOperation({ operationId: 'refreshSession', summary: 'Exchange the refresh cookie for a new access token and a rotated cookie' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'SESSION_EXPIRED or SESSION_REVOKED: signed out (problem+json)' })
  @ApiTooManyRequestsResponse(TOO_MANY)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    try {
      const { session, refresh } = await this.auth.refresh(readRefreshCookie(req), clientIp(req));
      // No new token: a racing refresh whose twin already set the rotated cookie.
      if (refresh) setRefreshCookie(res, this.config, refresh);
      return session;
    } catch (error) {
      // A dead cookie is of no use to anyone: remove it with the 401.
      if ((error as { status?: number }).status === 401) clearRefreshCookie(res, this.config);
      throw error;
    }
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiCookieAuth('refresh-cookie')
  @ApiOperation({ operationId: 'signOut', summary: 'End this session (its refresh-token family) and clear the cookie' })
  @ApiNoContentResponse()
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(readRefreshCookie(req));
    clearRefreshCookie(res, this.config);
  }
}

/** Behind a proxy, Express resolves X-Forwarded-For according to TRUST_PROXY. */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
