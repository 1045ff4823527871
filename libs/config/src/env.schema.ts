import { Transform } from 'class-transformer';
import { createPrivateKey } from 'node:crypto';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  registerDecorator,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const MEDIA_STORAGE_KINDS = ['local', 's3'] as const;
const MEDIA_BYTES_MESSAGE = 'must be a whole number of bytes, 1 or more';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/**
 * Places in the worker where the fault suite (tools/faults) kills it on purpose, right after a side
 * effect and before the job or relay batch completes (issue 12, scenarios 2 and 8). Listed here so
 * a misspelt name fails at boot instead of never firing.
 */
export const FAILPOINT_NAMES = ['grade.after-commit', 'credential.after-commit', 'mail.after-send', 'relay.after-enqueue'] as const;
export type FailpointName = (typeof FAILPOINT_NAMES)[number];
const FAILPOINT = new RegExp(`^(${FAILPOINT_NAMES.map((n) => n.replace('.', '\\.')).join('|')})(@[1-9]\\d{0,5})?$`);
const FAILPOINTS_MESSAGE = `must be a comma-separated list of name@N (N from 1), names: ${FAILPOINT_NAMES.join(', ')}`;

/** `grade.after-commit@5,mail.after-send` → the points and the hit (1 when omitted) on which each fires; null when malformed. */
export function parseFailpoints(value: string): { name: FailpointName; hit: number }[] | null {
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || !parts.every((p) => FAILPOINT.test(p))) return null;
  const points = parts.map((p) => {
    const [name, hit] = p.split('@');
    return { name: name as FailpointName, hit: hit === undefined ? 1 : Number(hit) };
  });
  return new Set(points.map((p) => p.name)).size === points.length ? points : null;
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

function IsFailpoints() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isFailpoints',
      target: object.constructor,
      propertyName,
      options: { message: FAILPOINTS_MESSAGE },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseFailpoints(value) !== null },
    });
}

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

/** `name@host` or `Display Name <name@host>`: what a From header accepts. */
const MAILBOX = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

function IsMailbox() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMailbox',
      target: object.constructor,
      propertyName,
      options: { message: 'must be an address like Baanrian <no-reply@learn.example.org>' },
      validator: { validate: (value: unknown) => typeof value === 'string' && MAILBOX.test(value.trim()) },
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

/** Profile fields an OpenID provider's claims may fill, and the claims read by default. */
export const OIDC_PROFILE_FIELDS = ['email', 'emailVerified', 'displayName', 'nationalId', 'birthYear', 'locale'] as const;
export type OidcProfileField = (typeof OIDC_PROFILE_FIELDS)[number];
/** Claim name per profile field; null means the field is never taken from the provider. */
export type OidcClaimMapping = Record<OidcProfileField, string | null>;

export const DEFAULT_OIDC_CLAIMS: OidcClaimMapping = {
  email: 'email',
  emailVerified: 'email_verified',
  displayName: 'name',
  // Provider-specific (ThaiD: "pid"): only read when configured.
  nationalId: null,
  birthYear: 'birthdate',
  locale: 'locale',
};

const OIDC_CLAIMS_MESSAGE = `must be a JSON object mapping some of ${OIDC_PROFILE_FIELDS.join(', ')} to claim names (or null), e.g. {"nationalId":"pid"}`;

/** Parses OIDC_CLAIMS into a complete mapping (defaults for what is not given), or null when malformed. */
export function parseOidcClaims(value: string | undefined): OidcClaimMapping | null {
  if (value === undefined) return { ...DEFAULT_OIDC_CLAIMS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const mapping = { ...DEFAULT_OIDC_CLAIMS };
  for (const [field, claim] of Object.entries(parsed)) {
    if (!(OIDC_PROFILE_FIELDS as readonly string[]).includes(field)) return null;
    if (claim !== null && (typeof claim !== 'string' || !/^[\w:./-]{1,100}$/.test(claim))) return null;
    mapping[field as OidcProfileField] = claim as string | null;
  }
  return mapping;
}

function IsOidcClaimMapping() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isOidcClaimMapping',
      target: object.constructor,
      propertyName,
      options: { message: OIDC_CLAIMS_MESSAGE },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseOidcClaims(value) !== null },
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

  /** Seals the credential issuer's private keys at rest (issue 9); derived from APP_SECRET when unset. */
  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters long' })
  CREDENTIALS_KEY?: string;

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

  /** Fault tests only (refused in production, see loadConfig): e.g. `grade.after-commit@5`. */
  @IsOptional() @IsFailpoints()
  WORKER_FAILPOINTS?: string;

  @IsOptional() @IsString() DATA_DIR?: string;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of seconds from 0 to 600' })
  @Min(0, { message: 'must be a whole number of seconds from 0 to 600' })
  @Max(600, { message: 'must be a whole number of seconds from 0 to 600' })
  QUIZ_GRACE_SECONDS?: number;

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

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of seconds from 0 to 60' })
  @Min(0, { message: 'must be a whole number of seconds from 0 to 60' })
  @Max(60, { message: 'must be a whole number of seconds from 0 to 60' })
  AUTH_REFRESH_REUSE_GRACE_SECONDS?: number;

  // OpenID Connect sign-in (e.g. ThaiD, VNeID): enabled when OIDC_ISSUER_URL and OIDC_CLIENT_ID are both set.
  @IsOptional() @IsUrlWithProtocol(['http:', 'https:'], 'https://id.example.org')
  OIDC_ISSUER_URL?: string;

  @IsOptional() @IsString() @MaxLength(255, { message: 'must be at most 255 characters' })
  OIDC_CLIENT_ID?: string;

  @IsOptional() @IsString() OIDC_CLIENT_SECRET?: string;

  @IsOptional() @IsString()
  @Matches(/^(?:[\x21\x23-\x5b\x5d-\x7e]+ )*[\x21\x23-\x5b\x5d-\x7e]+$/, { message: 'must be scopes separated by single spaces' })
  @Matches(/(?:^| )openid(?: |$)/, { message: 'must include openid' })
  OIDC_SCOPES?: string;

  @IsOptional() @IsString() @MaxLength(60, { message: 'must be at most 60 characters' })
  OIDC_LABEL?: string;

  @IsOptional() @IsOidcClaimMapping() OIDC_CLAIMS?: string;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of minutes from 5 to 1440' })
  @Min(5, { message: 'must be a whole number of minutes from 5 to 1440' })
  @Max(1440, { message: 'must be a whole number of minutes from 5 to 1440' })
  AUTH_PASSWORD_RESET_TTL_MINUTES?: number;

  @ValidateIf((env: EnvSchema) => env.SMTP_URL !== undefined)
  @IsUrlWithProtocol(['smtp:', 'smtps:'], 'smtp://user:password@mail.example.org:587')
  SMTP_URL?: string;

  @IsOptional() @IsMailbox()
  MAIL_FROM?: string;
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of days from 1 to 90' })
  @Min(1, { message: 'must be a whole number of days from 1 to 90' })
  @Max(90, { message: 'must be a whole number of days from 1 to 90' })
  AUTH_CARD_TTL_DAYS?: number;

  // Public catalog listings kept in memory per API process (seconds; 0 = off).
  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of seconds from 0 to 300' })
  @Min(0, { message: 'must be a whole number of seconds from 0 to 300' })
  @Max(300, { message: 'must be a whole number of seconds from 0 to 300' })
  CATALOG_CACHE_SECONDS?: number;

  // Media storage (course images, videos, audio, documents, captions): local disk unless MEDIA_STORAGE=s3.
  @IsOptional() @IsIn(MEDIA_STORAGE_KINDS, { message: `must be one of ${MEDIA_STORAGE_KINDS.join(', ')}` })
  MEDIA_STORAGE?: (typeof MEDIA_STORAGE_KINDS)[number];

  /** Where local storage keeps files; defaults to DATA_DIR/media. */
  @IsOptional() @IsString() MEDIA_DIR?: string;

  @ValidateIf((env: EnvSchema) => env.MEDIA_S3_ENDPOINT !== undefined)
  @IsUrlWithProtocol(['http:', 'https:'], 'https://s3.example.org')
  MEDIA_S3_ENDPOINT?: string;

  @IsOptional() @IsString() @MinLength(1, { message: 'must not be empty' })
  MEDIA_S3_REGION?: string;

  @ValidateIf((env: EnvSchema) => env.MEDIA_STORAGE === 's3')
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a valid bucket name (3-63 lower-case letters, digits, dots, hyphens)' })
  @IsString({ message: 'is required when MEDIA_STORAGE=s3: the bucket name' })
  MEDIA_S3_BUCKET?: string;

  @ValidateIf((env: EnvSchema) => env.MEDIA_STORAGE === 's3')
  @IsString({ message: 'is required when MEDIA_STORAGE=s3' })
  MEDIA_S3_ACCESS_KEY_ID?: string;

  @ValidateIf((env: EnvSchema) => env.MEDIA_STORAGE === 's3')
  @IsString({ message: 'is required when MEDIA_STORAGE=s3' })
  MEDIA_S3_SECRET_ACCESS_KEY?: string;

  @IsOptional() @Transform(toBool) @IsIn([true, false], { message: 'must be true or false' })
  MEDIA_S3_FORCE_PATH_STYLE?: boolean;

  @IsOptional() @Transform(toInt) @IsInt({ message: MEDIA_BYTES_MESSAGE }) @Min(1, { message: MEDIA_BYTES_MESSAGE })
  MEDIA_MAX_IMAGE_BYTES?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: MEDIA_BYTES_MESSAGE }) @Min(1, { message: MEDIA_BYTES_MESSAGE })
  MEDIA_MAX_VIDEO_BYTES?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: MEDIA_BYTES_MESSAGE }) @Min(1, { message: MEDIA_BYTES_MESSAGE })
  MEDIA_MAX_AUDIO_BYTES?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: MEDIA_BYTES_MESSAGE }) @Min(1, { message: MEDIA_BYTES_MESSAGE })
  MEDIA_MAX_DOCUMENT_BYTES?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: MEDIA_BYTES_MESSAGE }) @Min(1, { message: MEDIA_BYTES_MESSAGE })
  MEDIA_MAX_CAPTIONS_BYTES?: number;

  @IsOptional() @Transform(toInt) @IsInt({ message: 'must be a whole number of minutes from 5 to 10080' })
  @Min(5, { message: 'must be a whole number of minutes from 5 to 10080' })
  @Max(10080, { message: 'must be a whole number of minutes from 5 to 10080' })
  MEDIA_TEMP_TTL_MINUTES?: number;
}
