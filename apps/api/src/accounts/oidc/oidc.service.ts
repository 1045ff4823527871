import { Injectable, Logger } from '@nestjs/common';
import { errors, generators } from 'openid-client';
import { AccountsException } from '../accounts.exception';
import { RATE_LIMITS } from '../rate-limit.policies';
import { type RateLimitKey, RateLimitService } from '../rate-limit.service';
import type { IssuedRefreshToken } from '../refresh-token.service';
import { OidcAccountsService } from './oidc-accounts.service';
import { OidcFailure, type OidcFailureReason } from './oidc-failure';
import { OidcFlowStore } from './oidc-flow.store';
import { OidcIssuerService } from './oidc-issuer.service';
import { profileFromClaims } from './oidc-profile';

export type OidcOutcome = { ok: true; refresh: IssuedRefreshToken } | { ok: false; reason: OidcFailureReason };

/**
 * OpenID Connect sign-in with the authorization code flow, PKCE (S256), `state` and `nonce`.
 * `start` remembers the checks server-side under an id only this browser holds; `complete`
 * takes them back (once), lets openid-client exchange the code and validate the ID token
 * (signature from the provider's JWKS, issuer, audience, expiry, nonce), then signs the person in.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);

  constructor(
    private readonly issuer: OidcIssuerService,
    private readonly flows: OidcFlowStore,
    private readonly accounts: OidcAccountsService,
    private readonly rateLimits: RateLimitService,
  ) {}

  status(): { enabled: boolean; label: string | null } {
    const config = this.issuer.config;
    return { enabled: config !== null, label: config?.label ?? null };
  }

  /** The provider's authorization URL and the flow id for the browser's cookie; a failure is a reason for the portal. */
  async start(ip: string): Promise<{ ok: true; url: string; flowId: string } | { ok: false; reason: OidcFailureReason }> {
    const config = this.issuer.config;
    // An API client asking for a feature that is off gets a problem document, not a redirect.
    if (!config) throw new AccountsException('OIDC_DISABLED');
    try {
      await this.consume({ policy: RATE_LIMITS.oidcStartIp, subject: ip });
      const client = await this.issuer.client();
      const flow = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
      const flowId = await this.flows.save(flow);
      const url = client.authorizationUrl({
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: generators.codeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { ok: true, url, flowId };
    } catch (error) {
      return { ok: false, reason: this.report('start', error) };
    }
  }

  /** Handles the provider's redirect back. `callbackUrl` is the request's path and query. */
  async complete(flowId: string | null, callbackUrl: string, ip: string): Promise<OidcOutcome> {
    const ipKey: RateLimitKey = { policy: RATE_LIMITS.oidcCallbackIp, subject: ip };
    try {
      const config = this.issuer.config;
      if (!config) throw new OidcFailure('disabled');
      await this.consume(ipKey);
      // Taken (and so deleted) before anything else: whatever happens next, this flow is spent.
      const flow = flowId ? await this.flows.take(flowId) : null;
      const client = await this.issuer.client();
      const params = client.callbackParams(callbackUrl);
      if (!flow) throw new OidcFailure('state_mismatch', flowId ? 'unknown, used or expired sign-in' : 'no sign-in cookie');
      if (params.state !== flow.state) throw new OidcFailure('state_mismatch', 'state differs from the one this browser sent');

      const tokens = await client.callback(config.redirectUri, params, {
        state: flow.state,
        nonce: flow.nonce,
        code_verifier: flow.codeVerifier,
        response_type: 'code',
      });
      const idClaims = tokens.claims();
      // Providers usually put the profile in the userinfo response rather than the ID token;
      // openid-client checks that its subject is the ID token's. Signed ID token values win.
      const userinfo = client.issuer.metadata.userinfo_endpoint && tokens.access_token ? await client.userinfo(tokens) : {};
      const profile = profileFromClaims({ ...userinfo, ...idClaims }, config.claims);
      const { refresh } = await this.accounts.signIn(idClaims.iss, profile);
      await Promise.all([this.rateLimits.refund(ipKey), this.rateLimits.refund({ policy: RATE_LIMITS.oidcStartIp, subject: ip })]);
      return { ok: true, refresh };
    } catch (error) {
      return { ok: false, reason: this.report('callback', error) };
    }
  }

  private async consume(key: RateLimitKey): Promise<void> {
    try {
      await this.rateLimits.consume([key]);
    } catch (error) {
      if (error instanceof AccountsException && error.code === 'TOO_MANY_REQUESTS') throw new OidcFailure('too_many_requests', `${key.policy.name} limit`);
      throw error;
    }
  }

  /** One log line per failure. Only error names and messages: never the tokens' claims. */
  private report(step: 'start' | 'callback', error: unknown): OidcFailureReason {
    const failure = classify(error);
    const line = `OIDC ${step} failed: ${failure.reason} (${failure.detail})`;
    if (failure.reason === 'internal') this.logger.error(line, (error as Error).stack);
    else this.logger.warn(line);
    return failure.reason;
  }
}

function classify(error: unknown): OidcFailure {
  if (error instanceof OidcFailure) return error;
  if (error instanceof errors.OPError) {
    const detail = `provider error ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
    if (error.error === 'invalid_grant') return new OidcFailure('invalid_grant', detail);
    if (error.error === 'access_denied') return new OidcFailure('access_denied', detail);
    return new OidcFailure('provider_error', detail);
  }
  if (error instanceof errors.RPError) {
    if (error.message.startsWith('nonce mismatch')) return new OidcFailure('nonce_mismatch', error.message);
    if (error.message.startsWith('state mismatch')) return new OidcFailure('state_mismatch', error.message);
    return new OidcFailure('id_token_invalid', error.message);
  }
  // openid-client's HTTP errors (connection refused, timeout) while talking to the provider.
  const name = (error as Error | undefined)?.name ?? '';
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (name === 'TimeoutError' || name === 'RequestError' || /^E(CONN|HOST|NOTFOUND|AI_)/.test(code)) {
    return new OidcFailure('provider_unavailable', `${name || code}: ${(error as Error).message}`);
  }
  return new OidcFailure('internal', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
