import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import path from 'node:path';
import type { AppConfig, LauncherConfig, MediaConfig, OidcConfig } from './app-config';
import { DEFAULT_OIDC_CLAIMS, EnvSchema, parseFailpoints, parseOidcClaims, unescapePem } from './env.schema';

export type RawEnv = Record<string, string | undefined>;

/** Thrown when the environment is invalid. Its message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

const DEV_SECRET = 'baanrian-development-secret-not-for-production';

function validateEnv(env: RawEnv): EnvSchema {
  // Empty strings count as unset, as in most .env conventions.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = plainToInstance(EnvSchema, present);
  const errors = validateSync(parsed, { forbidUnknownValues: false });
  if (errors.length > 0) throw toConfigError(errors[0]);
  return parsed;
}

function toConfigError(error: ValidationError): ConfigError {
  const message = Object.values(error.constraints ?? {})[0] ?? 'is invalid';
  const echo = /SECRET|PASSWORD|URL|KEY/.test(error.property) ? '' : ` (got "${String(error.value)}")`;
  return new ConfigError(error.property, `${message}${echo}`);
}

/** The public host, when it can be a mail domain (not an IP address or a bare `localhost`). */
function mailDomain(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  return host.includes('.') && !/^[\d.]+$/.test(host) ? host : 'localhost.localdomain';
}

function required<T>(value: T | undefined, variable: string, why: string): T {
  if (value === undefined) throw new ConfigError(variable, `is required: ${why}`);
  return value;
}

/** Validates the environment once and returns the typed configuration of the api and worker. */
export function loadConfig(env: RawEnv = process.env): AppConfig {
  const e = validateEnv(env);
  const nodeEnv = e.NODE_ENV ?? 'development';
  const host = e.HOST ?? '127.0.0.1';
  const port = e.PORT ?? 3000;
  const publicUrl = (e.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`).replace(/\/$/, '');
  return {
    env: nodeEnv,
    http: {
      host,
      port,
      publicUrl,
      trustProxy: e.TRUST_PROXY ?? false,
    },
    database: {
      url: required(e.DATABASE_URL, 'DATABASE_URL', 'set it to postgres://user:password@host:5432/baanrian'),
      poolSize: e.DATABASE_POOL_SIZE ?? 10,
    },
    redis: {
      url: required(e.REDIS_URL, 'REDIS_URL', 'set it to redis://host:6379'),
      queuePrefix: e.QUEUE_PREFIX ?? 'baanrian',
    },
    security: { appSecret: e.APP_SECRET ?? DEV_SECRET },
    auth: {
      issuer: publicUrl,
      audience: 'baanrian-api',
      accessTokenTtlSeconds: 600,
      refreshTokenTtlDays: e.AUTH_REFRESH_TTL_DAYS ?? 30,
      refreshReuseGraceSeconds: e.AUTH_REFRESH_REUSE_GRACE_SECONDS ?? 10,
      jwtPrivateKeyPem: e.AUTH_JWT_PRIVATE_KEY ? unescapePem(e.AUTH_JWT_PRIVATE_KEY) : null,
      // Production never gets here without a key (validated above).
      jwtKeyFile: nodeEnv === 'development' ? path.resolve(e.DATA_DIR ?? '.data', 'auth', 'jwt-ed25519.pem') : null,
      hashConcurrency: e.AUTH_HASH_CONCURRENCY ?? 2,
      passwordResetTtlMinutes: e.AUTH_PASSWORD_RESET_TTL_MINUTES ?? 30,
      cardTtlDays: e.AUTH_CARD_TTL_DAYS ?? 14,
    },
    oidc: oidcConfig(e, nodeEnv, publicUrl),
    log: { level: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info') },
    portal: { distDir: path.resolve(e.PORTAL_DIST_DIR ?? 'dist/apps/portal') },
    worker: {
      concurrency: e.WORKER_CONCURRENCY ?? 10,
      outboxPollMs: e.OUTBOX_POLL_MS ?? 500,
      heartbeatMs: 10_000,
      failpoints: failpoints(e.WORKER_FAILPOINTS, nodeEnv),
    },
    mail: {
      transport: e.SMTP_URL ? 'smtp' : nodeEnv === 'production' ? 'off' : 'log',
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM?.trim() ?? `Baanrian <no-reply@${mailDomain(publicUrl)}>`,
    },
    media: mediaConfig(e),
    quiz: { graceSeconds: e.QUIZ_GRACE_SECONDS ?? 30 },
    // Off in tests, so a test sees what it just wrote; the cache has its own spec.
    catalog: { cacheSeconds: e.CATALOG_CACHE_SECONDS ?? (nodeEnv === 'test' ? 0 : 5) },
    // A separate key, so APP_SECRET can rotate without losing the issuer keys; derived (and labelled) otherwise.
    credentials: { keyEncryptionKey: e.CREDENTIALS_KEY ?? `credentials:${e.APP_SECRET ?? DEV_SECRET}` },
  };
}

const MB = 1024 * 1024;

/**
 * The worker's failpoints (fault tests: SIGKILL at a named place, see apps/worker/src/system/failpoint.ts).
 * Refused in production: a leftover variable in a real deployment would kill workers mid-job forever.
 * The fault suite starts the worker it arms in test mode, which changes nothing else it sets explicitly.
 */
function failpoints(value: string | undefined, nodeEnv: AppConfig['env']): AppConfig['worker']['failpoints'] {
  if (!value) return [];
  if (nodeEnv === 'production') throw new ConfigError('WORKER_FAILPOINTS', 'is refused in production: it kills the worker on purpose (fault tests only)');
  // Validated with the rest of the environment, so never null here.
  return parseFailpoints(value) ?? [];
}

/** Local disk under DATA_DIR/media unless MEDIA_STORAGE=s3 (credentials validated above). */
function mediaConfig(e: EnvSchema): MediaConfig {
  const storage = e.MEDIA_STORAGE ?? 'local';
  return {
    storage,
    dir: path.resolve(e.MEDIA_DIR ?? path.join(e.DATA_DIR ?? '.data', 'media')),
    s3:
      storage === 's3'
        ? {
            endpoint: e.MEDIA_S3_ENDPOINT ?? null,
            region: e.MEDIA_S3_REGION ?? 'us-east-1',
            bucket: e.MEDIA_S3_BUCKET as string,
            accessKeyId: e.MEDIA_S3_ACCESS_KEY_ID as string,
            secretAccessKey: e.MEDIA_S3_SECRET_ACCESS_KEY as string,
            forcePathStyle: e.MEDIA_S3_FORCE_PATH_STYLE ?? false,
          }
        : null,
    maxBytes: {
      image: e.MEDIA_MAX_IMAGE_BYTES ?? 10 * MB,
      video: e.MEDIA_MAX_VIDEO_BYTES ?? 1024 * MB,
      audio: e.MEDIA_MAX_AUDIO_BYTES ?? 200 * MB,
      document: e.MEDIA_MAX_DOCUMENT_BYTES ?? 50 * MB,
      captions: e.MEDIA_MAX_CAPTIONS_BYTES ?? 1 * MB,
    },
    tempTtlMinutes: e.MEDIA_TEMP_TTL_MINUTES ?? 24 * 60,
  };
}

/** OIDC is on when both the issuer and the client id are given; one without the other is a mistake. */
function oidcConfig(e: EnvSchema, nodeEnv: AppConfig['env'], publicUrl: string): OidcConfig | null {
  if (!e.OIDC_ISSUER_URL && !e.OIDC_CLIENT_ID) return null;
  const issuerUrl = required(e.OIDC_ISSUER_URL, 'OIDC_ISSUER_URL', 'OIDC_CLIENT_ID is set, so give the provider\'s issuer URL too');
  const clientId = required(e.OIDC_CLIENT_ID, 'OIDC_CLIENT_ID', 'OIDC_ISSUER_URL is set, so give the client id registered with the provider too');
  // Tokens and profile data travel from the provider: never in clear on a real server.
  if (nodeEnv === 'production' && !issuerUrl.startsWith('https:')) throw new ConfigError('OIDC_ISSUER_URL', 'must use https in production');
  return {
    issuerUrl,
    clientId,
    clientSecret: e.OIDC_CLIENT_SECRET ?? null,
    scopes: e.OIDC_SCOPES ?? 'openid email profile',
    label: e.OIDC_LABEL?.trim() || null,
    // Validated with the rest of the environment, so the fallback is never used.
    claims: parseOidcClaims(e.OIDC_CLAIMS) ?? { ...DEFAULT_OIDC_CLAIMS },
    redirectUri: `${publicUrl}/api/v1/auth/oidc/callback`,
  };
}

/** Validates the environment for the launcher (`npm start`), where the servers are optional. */
export function loadLauncherConfig(env: RawEnv = process.env): LauncherConfig {
  const e = validateEnv(env);
  return {
    env: e.NODE_ENV ?? 'development',
    host: e.HOST ?? '127.0.0.1',
    port: e.PORT ?? 3000,
    dataDir: path.resolve(e.DATA_DIR ?? '.data'),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    smtpConfigured: e.SMTP_URL !== undefined,
  };
}

/**
 * The environment handed to child processes the launcher and test runner start. Kept here so that
 * reading `process.env` stays in this library.
 */
export function childEnv(overrides: RawEnv): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** Reads one raw variable. For tooling and test harnesses only; application code uses `loadConfig`. */
export function rawEnv(name: string): string | undefined {
  return process.env[name];
}
