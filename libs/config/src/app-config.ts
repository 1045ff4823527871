import type { LOG_LEVELS, NODE_ENVS } from './env.schema';

/** The validated, typed and grouped configuration. Built once at boot by `loadConfig`. */
export interface AppConfig {
  env: (typeof NODE_ENVS)[number];
  http: { host: string; port: number; publicUrl: string; trustProxy: boolean };
  database: { url: string; poolSize: number };
  redis: { url: string; queuePrefix: string };
  security: { appSecret: string };
  auth: AuthConfig;
  log: { level: (typeof LOG_LEVELS)[number] };
  portal: { distDir: string };
  worker: { concurrency: number; outboxPollMs: number; heartbeatMs: number };
}

export interface AuthConfig {
  /** `iss` of access tokens: the instance's public URL. */
  issuer: string;
  /** `aud` of access tokens. */
  audience: 'baanrian-api';
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Ed25519 private key (PEM) signing access tokens; always set in production. */
  jwtPrivateKeyPem: string | null;
  /**
   * Without a configured key: where development keeps the key it generates, so sessions survive
   * restarts. Null in test mode, where a key lives in memory only.
   */
  jwtKeyFile: string | null;
  /** Password hashes computed at once; more wait their turn instead of starving the API. */
  hashConcurrency: number;
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
}

export const APP_CONFIG = Symbol('APP_CONFIG');
