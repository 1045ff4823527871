import { Transform } from 'class-transformer';
import { createPrivateKey } from 'node:crypto';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateIf,
  registerDecorator,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

function IsUrlWithProtocol(protocols: string[], example: string) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isUrlWithProtocol',
      target: object.constructor,
      propertyName,
      options: { message: `must be a URL like ${example}` },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            const url = new URL(value);
            return protocols.includes(url.protocol) && url.hostname.length > 0;
          } catch {
            return false;
          }
        },
      },
    });
}

/** PEM as given, or with `\n` escapes as .env files and single-line settings write it. */
export function unescapePem(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

function IsEd25519PrivateKey() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isEd25519PrivateKey',
      target: object.constructor,
      propertyName,
      options: { message: 'must be an Ed25519 private key in PEM form (openssl genpkey -algorithm ed25519)' },
      validator: {
        validate(value: unknown) {
          // A missing key is reported by @IsString with the reason it is required.
          if (typeof value !== 'string') return value === undefined;
          try {
            return createPrivateKey(unescapePem(value)).asymmetricKeyType === 'ed25519';
          } catch {
            return false;
          }
        },
      },
    });
}

/**
 * Every environment variable Baanrian reads, in one place. The README's table mirrors this class.
 * Values arrive as strings; transforms turn them into numbers and booleans before validation.
 */
export class EnvSchema {
  @IsOptional() @IsIn(NODE_ENVS, { message: `must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV?: (typeof NODE_ENVS)[number];

  @IsOptional() @IsString() HOST?: string;

  @IsOptional() @Transform(toInt)
  @IsInt({ message: 'must be a whole number between 1 and 65535' })
  @Min(1, { message: 'must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'must be a whole number between 1 and 65535' })
  PORT?: number;

  @IsOptional() @IsUrlWithProtocol(['http:', 'https:'], 'https://learn.example.org')
  PUBLIC_URL?: string;

  @IsOptional() @Transform(toBool) @IsIn([true, false], { message: 'must be true or false' })
  TRUST_PROXY?: boolean;

  @ValidateIf((env: EnvSchema) => env.DATABASE_URL !== undefined)
  @IsUrlWithProtocol(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/baanrian')
  DATABASE_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  DATABASE_POOL_SIZE?: number;

  @ValidateIf((env: EnvSchema) => env.REDIS_URL !== undefined)
  @IsUrlWithProtocol(['redis:', 'rediss:'], 'redis://host:6379')
  REDIS_URL?: string;

  @IsOptional() @IsString() @MinLength(1, { message: 'must not be empty' })
  QUEUE_PREFIX?: string;

  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.APP_SECRET !== undefined)
  @IsString({ message: 'is required in production: a random string of at least 32 characters' })
  @MinLength(32, { message: 'must be at least 32 characters long' })
  APP_SECRET?: string;

  @IsOptional() @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional() @IsString() PORTAL_DIST_DIR?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  WORKER_CONCURRENCY?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of milliseconds, 50 or more' })
  @Min(50, { message: 'must be a whole number of milliseconds, 50 or more' })
  OUTBOX_POLL_MS?: number;

  @IsOptional() @IsString() DATA_DIR?: string;

  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.AUTH_JWT_PRIVATE_KEY !== undefined)
  @IsString({ message: 'is required in production: an Ed25519 private key in PEM form (openssl genpkey -algorithm ed25519)' })
  @IsEd25519PrivateKey()
  AUTH_JWT_PRIVATE_KEY?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number from 1 to 16' })
  @Min(1, { message: 'must be a whole number from 1 to 16' })
  @Max(16, { message: 'must be a whole number from 1 to 16' })
  AUTH_HASH_CONCURRENCY?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of days from 1 to 365' })
  @Min(1, { message: 'must be a whole number of days from 1 to 365' })
  @Max(365, { message: 'must be a whole number of days from 1 to 365' })
  AUTH_REFRESH_TTL_DAYS?: number;
}
