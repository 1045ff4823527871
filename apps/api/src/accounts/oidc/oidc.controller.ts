import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { Auth } from '../../authz/auth.decorator';
import { clientIp } from '../auth.controller';
import { setRefreshCookie } from '../session-cookie';
import { FLOW_TTL_SECONDS } from './oidc-flow.store';
import { OidcStatusDto } from './oidc.dto';
import { OidcService } from './oidc.service';

/** Holds the id of this browser's sign-in in progress. */
const FLOW_COOKIE = 'baanrian_oidc';
/** The portal page that finishes the sign-in (it calls POST /auth/refresh) or shows the reason. */
const PORTAL_SIGN_IN = '/sign-in';

@ApiTags('auth')
@Controller('auth/oidc')
@Auth({ public: true })
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getOidcStatus', summary: 'Whether sign-in with a digital ID (OpenID Connect) is available, and its button text' })
  @ApiOkResponse({ type: OidcStatusDto })
  status(): OidcStatusDto {
    return this.oidc.status();
  }

  @Get('start')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'startOidcSignIn', summary: 'Start sign-in with the OpenID provider (a browser navigation, not a fetch)' })
  @ApiFoundResponse({ description: "To the provider's authorization page; or to /sign-in?oidc=error&reason=… when it cannot start" })
  @ApiNotFoundResponse({ description: 'OIDC_DISABLED: no provider is configured (problem+json)' })
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    const started = await this.oidc.start(clientIp(req));
    if (!started.ok) return res.redirect(302, failedUrl(started.reason));
    res.cookie(FLOW_COOKIE, started.flowId, { ...this.flowCookie(), maxAge: FLOW_TTL_SECONDS * 1000 });
    res.redirect(302, started.url);
  }

  @Get('callback')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ operationId: 'completeOidcSignIn', summary: 'Where the provider sends the browser back; signs in and redirects to the portal' })
  @ApiQuery({ name: 'code', required: false, type: String })
  @ApiQuery({ name: 'state', required: false, type: String })
  @ApiQuery({ name: 'error', required: false, type: String, description: "The provider's error, e.g. access_denied" })
  @ApiFoundResponse({ description: 'To /sign-in?oidc=ok with the refresh cookie set, or to /sign-in?oidc=error&reason=… (see README)' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const flowId: unknown = (req.cookies as Record<string, unknown> | undefined)?.[FLOW_COOKIE];
    // Spent whatever the outcome.
    res.clearCookie(FLOW_COOKIE, this.flowCookie());
    const outcome = await this.oidc.complete(typeof flowId === 'string' && flowId.length <= 100 ? flowId : null, req.originalUrl, clientIp(req));
    if (!outcome.ok) return res.redirect(302, failedUrl(outcome.reason));
    setRefreshCookie(res, this.config, outcome.refresh);
    res.redirect(302, `${PORTAL_SIGN_IN}?oidc=ok`);
  }

  /**
   * SameSite=Lax, unlike the refresh cookie: the callback is a top-level navigation coming from
   * the provider's site, on which a Strict cookie would not be sent.
   */
  private flowCookie(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.config.http.publicUrl.startsWith('https:'), path: '/api/v1/auth/oidc' };
  }
}

function failedUrl(reason: string): string {
  return `${PORTAL_SIGN_IN}?oidc=error&reason=${encodeURIComponent(reason)}`;
}
