import { APP_CONFIG, type AppConfig, type OidcConfig } from '@baanrian/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type BaseClient, type ClientAuthMethod, custom, Issuer } from 'openid-client';
import { OidcFailure } from './oidc-failure';

/** Discovery is repeated once a day, so a provider's new endpoints are picked up without a restart. */
const DISCOVERY_TTL_MS = 24 * 60 * 60 * 1000;
/** Clocks of the provider and this server may differ a little. */
const CLOCK_TOLERANCE_SECONDS = 10;

interface Discovered {
  client: BaseClient;
  at: number;
}

/**
 * The openid-client `Client` for the configured provider, built from its discovery document.
 * Discovery is cached; a failed one is not, so the next sign-in tries again. The provider's keys
 * (JWKS) are fetched and cached by openid-client, which refetches when a token names a new key.
 */
@Injectable()
export class OidcIssuerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OidcIssuerService.name);
  private discovery: Promise<Discovered> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly appConfig: AppConfig) {}

  /** Discovers once at boot, without waiting or failing it, so a wrong or unreachable issuer shows in the log at once. */
  onApplicationBootstrap(): void {
    if (this.config) this.client().catch(() => undefined);
  }

  get config(): OidcConfig | null {
    return this.appConfig.oidc;
  }

  async client(): Promise<BaseClient> {
    const config = this.config;
    if (!config) throw new OidcFailure('disabled');
    const cached = this.discovery ? await this.discovery.catch(() => null) : null;
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.client;
    const attempt = this.discover(config);
    this.discovery = attempt;
    try {
      return (await attempt).client;
    } catch (error) {
      if (this.discovery === attempt) this.discovery = null;
      const detail = `OpenID provider ${config.issuerUrl} is unreachable or its discovery document is unusable: ${(error as Error).message}`;
      this.logger.error(detail);
      throw new OidcFailure('provider_unavailable', detail);
    }
  }

  private async discover(config: OidcConfig): Promise<Discovered> {
    const issuer = await Issuer.discover(config.issuerUrl);
    const meta = issuer.metadata;
    if (!meta.authorization_endpoint || !meta.token_endpoint || !meta.jwks_uri) {
      throw new Error('it lacks authorization_endpoint, token_endpoint or jwks_uri');
    }
    const client = new issuer.Client({
      client_id: config.clientId,
      ...(config.clientSecret ? { client_secret: config.clientSecret } : {}),
      redirect_uris: [config.redirectUri],
      response_types: ['code'],
      token_endpoint_auth_method: authMethod(config, meta.token_endpoint_auth_methods_supported as string[] | undefined),
      id_token_signed_response_alg: signingAlg(meta.id_token_signing_alg_values_supported as string[] | undefined),
    });
    client[custom.clock_tolerance] = CLOCK_TOLERANCE_SECONDS;
    return { client, at: Date.now() };
  }
}

/** client_secret_basic is the default of the specification; some providers only take the secret in the body. */
function authMethod(config: OidcConfig, supported: string[] | undefined): ClientAuthMethod {
  if (!config.clientSecret) return 'none';
  return !supported || supported.includes('client_secret_basic') || !supported.includes('client_secret_post') ? 'client_secret_basic' : 'client_secret_post';
}

/** RS256 is what every provider must support; otherwise the first algorithm the provider names. */
function signingAlg(supported: string[] | undefined): string {
  if (!supported || supported.includes('RS256')) return 'RS256';
  return supported.find((alg) => alg !== 'none') ?? 'RS256';
}
