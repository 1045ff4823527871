import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import path from 'node:path';
import type { AppConfig, LauncherConfig } from './app-config';
import { EnvSchema, unescapePem } from './env.schema';

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
      jwtPrivateKeyPem: e.AUTH_JWT_PRIVATE_KEY ? unescapePem(e.AUTH_JWT_PRIVATE_KEY) : null,
      // Production never gets here without a key (validated above).
      jwtKeyFile: nodeEnv === 'development' ? path.resolve(e.DATA_DIR ?? '.data', 'auth', 'jwt-ed25519.pem') : null,
      hashConcurrency: e.AUTH_HASH_CONCURRENCY ?? 2,
    },
    log: { level: e.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info') },
    portal: { distDir: path.resolve(e.PORTAL_DIST_DIR ?? 'dist/apps/portal') },
    worker: {
      concurrency: e.WORKER_CONCURRENCY ?? 10,
      outboxPollMs: e.OUTBOX_POLL_MS ?? 500,
      heartbeatMs: 10_000,
    },
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
