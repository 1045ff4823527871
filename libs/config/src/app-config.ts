import type { FailpointName, LOG_LEVELS, MEDIA_STORAGE_KINDS, NODE_ENVS, OidcClaimMapping } from './env.schema';

/** The validated, typed and grouped configuration. Built once at boot by `loadConfig`. */
export interface AppConfig {
  env: (typeof NODE_ENVS)[number];
  http: { host: string; port: number; publicUrl: string; trustProxy: boolean };
  database: { url: string; poolSize: number };
  redis: { url: string; queuePrefix: string };
  security: { appSecret: string };
  auth: AuthConfig;
  /** OpenID Connect sign-in; null when not configured. */
  oidc: OidcConfig | null;
  log: { level: (typeof LOG_LEVELS)[number] };
  portal: { distDir: string };
  /** `failpoints`: fault tests only, empty otherwise (WORKER_FAILPOINTS; refused in production). */
  worker: { concurrency: number; outboxPollMs: number; heartbeatMs: number; failpoints: { name: FailpointName; hit: number }[] };
  mail: MailConfig;
  media: MediaConfig;
  /** Public catalog listings are kept this many seconds per API process; 0 turns it off. */
  catalog: { cacheSeconds: number };
  /** Quiz attempts: seconds after an attempt's deadline during which saves and submits still count (network slack). */
  quiz: { graceSeconds: number };
  /** Credentials (issue 9): `keyEncryptionKey` seals issuer private keys in the database. */
  credentials: { keyEncryptionKey: string };
}

export interface AuthConfig {
  /** `iss` of access tokens: the instance's public URL. */
  issuer: string;
  /** `aud` of access tokens. */
  audience: 'baanrian-api';
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /**
   * A refresh token used this many seconds ago or less, presented again, answers the family's
   * current session (two tabs racing) instead of revoking the family; 0 turns the window off.
   */
  refreshReuseGraceSeconds: number;
  /** Ed25519 private key (PEM) signing access tokens; always set in production. */
  jwtPrivateKeyPem: string | null;
  /**
   * Without a configured key: where development keeps the key it generates, so sessions survive
   * restarts. Null in test mode, where a key lives in memory only.
   */
  jwtKeyFile: string | null;
  /** Password hashes computed at once; more wait their turn instead of starving the API. */
  hashConcurrency: number;
  /** How long a password-reset link works. */
  passwordResetTtlMinutes: number;
  /** Days a printed sign-in card (assisted sign-up) stays valid if nobody uses it. */
  cardTtlDays: number;
}

/**
 * Outgoing mail, sent by the worker. `smtp` when SMTP_URL is set; otherwise `log` in development
 * and test (the whole mail, links included, goes to the worker's log: `npm start`'s demo mode) and
 * `off` in production, where a reset link in a log file would be a leak: mails are then dropped
 * with a warning that names SMTP_URL.
 */
export interface MailConfig {
  transport: 'smtp' | 'log' | 'off';
  /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`; null unless `smtp`. */
  smtpUrl: string | null;
  /** The From header. */
  from: string;
}

/** Uploaded media (course images, videos, audio, documents, captions). */
export interface MediaConfig {
  storage: (typeof MEDIA_STORAGE_KINDS)[number];
  /** Local storage's root directory (absolute); used when `storage` is `local`. */
  dir: string;
  /** An S3-compatible store; null unless `storage` is `s3`. */
  s3: MediaS3Config | null;
  /** Largest accepted upload per kind, in bytes. */
  maxBytes: { image: number; video: number; audio: number; document: number; captions: number };
  /** Temporary upload files older than this are removed by housekeeping (an interrupted or crashed upload). */
  tempTtlMinutes: number;
}

export interface MediaS3Config {
  endpoint: string | null;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (MinIO, Garage, s3rver…). */
  forcePathStyle: boolean;
}

/** A standard OpenID provider (e.g. ThaiD, VNeID), used with the authorization code flow and PKCE. */
export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  /** Null for a public client (PKCE only, token endpoint auth method "none"). */
  clientSecret: string | null;
  /** Space-separated, always including "openid". */
  scopes: string;
  /** Text of the sign-in button; null lets the portal use its own translated wording. */
  label: string | null;
  /** Which claim fills which profile field. */
  claims: OidcClaimMapping;
  /** Where the provider sends the browser back: PUBLIC_URL + /api/v1/auth/oidc/callback. */
  redirectUri: string;
}

/** Settings of the `npm start` launcher, which may have to start its own PostgreSQL and Redis. */
export interface LauncherConfig {
  env: AppConfig['env'];
  host: string;
  port: number;
  dataDir: string;
  /** Set when the operator brings their own servers; the launcher then starts none. */
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Whether mails really go out; without SMTP_URL the launcher says they are written to the worker log. */
  smtpConfigured: boolean;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
