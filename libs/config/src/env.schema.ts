import { Transform } from 'class-transformer';
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
}
