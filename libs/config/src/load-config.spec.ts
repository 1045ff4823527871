import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { ConfigError, loadConfig, loadLauncherConfig } from './index';

const base = { DATABASE_URL: 'postgres://u:p@db:5432/baanrian', REDIS_URL: 'redis://cache:6379' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('groups a valid environment into typed sections with defaults', () => {
    const config = loadConfig({ ...base, PORT: '8080', WORKER_CONCURRENCY: '4', TRUST_PROXY: 'true' });
    expect(config.env).toBe('development');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080, publicUrl: 'http://127.0.0.1:8080', trustProxy: true });
    expect(config.database).toEqual({ url: base.DATABASE_URL, poolSize: 10 });
    expect(config.redis).toEqual({ url: base.REDIS_URL, queuePrefix: 'baanrian' });
    expect(config.worker.concurrency).toBe(4);
  });

  it('names the variable and the problem in one line for a malformed DATABASE_URL, without echoing it', () => {
    const error = configError({ ...base, DATABASE_URL: 'mysql://secret@db/x' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toBe('Invalid configuration: DATABASE_URL must be a URL like postgres://user:password@host:5432/baanrian');
    expect(error.message).not.toContain('secret');
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ['PORT', 'http', 'must be a whole number between 1 and 65535 (got "http")'],
    ['PORT', '70000', 'must be a whole number between 1 and 65535 (got "70000")'],
    ['PORT', '0', 'must be a whole number between 1 and 65535 (got "0")'],
    ['REDIS_URL', 'localhost:6379', 'must be a URL like redis://host:6379'],
    ['LOG_LEVEL', 'loud', 'must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    ['NODE_ENV', 'staging', 'must be one of development, production, test (got "staging")'],
  ])('rejects %s=%s', (variable, value, problem) => {
    expect(configError({ ...base, [variable]: value }).message).toBe(`Invalid configuration: ${variable} ${problem}`);
  });

  const ed25519Pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('requires a long APP_SECRET in production and accepts one', () => {
    const key = { AUTH_JWT_PRIVATE_KEY: ed25519Pem() };
    expect(configError({ ...base, ...key, NODE_ENV: 'production' }).variable).toBe('APP_SECRET');
    expect(configError({ ...base, ...key, NODE_ENV: 'production', APP_SECRET: 'short' }).message).toBe(
      'Invalid configuration: APP_SECRET must be at least 32 characters long',
    );
    const secret = 'x'.repeat(32);
    expect(loadConfig({ ...base, ...key, NODE_ENV: 'production', APP_SECRET: secret }).security.appSecret).toBe(secret);
  });

  describe('the access-token signing key', () => {
    const production = { ...base, NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) };

    it('is required in production', () => {
      expect(configError(production).message).toBe(
        'Invalid configuration: AUTH_JWT_PRIVATE_KEY is required in production: an Ed25519 private key in PEM form (openssl genpkey -algorithm ed25519)',
      );
    });

    it('must be an Ed25519 private key, and is never echoed', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      for (const value of [rsa, 'not a key']) {
        const error = configError({ ...production, AUTH_JWT_PRIVATE_KEY: value });
        expect(error.message).toBe('Invalid configuration: AUTH_JWT_PRIVATE_KEY must be an Ed25519 private key in PEM form (openssl genpkey -algorithm ed25519)');
      }
    });

    it('accepts a PEM written on one line with \\n escapes', () => {
      const pem = ed25519Pem();
      const config = loadConfig({ ...production, AUTH_JWT_PRIVATE_KEY: pem.replace(/\n/g, '\\n') });
      expect(config.auth.jwtPrivateKeyPem).toBe(pem);
      expect(config.auth.jwtKeyFile).toBeNull();
    });

    it('is generated into the data dir in development, and kept in memory only in test mode', () => {
      expect(loadConfig({ ...base, DATA_DIR: '/srv/b' }).auth.jwtKeyFile).toBe(path.resolve('/srv/b/auth/jwt-ed25519.pem'));
      expect(loadConfig({ ...base, NODE_ENV: 'test' }).auth).toMatchObject({ jwtPrivateKeyPem: null, jwtKeyFile: null });
    });

    it('signs tokens for the public URL, for 10 minutes, hashing two passwords at a time by default', () => {
      expect(loadConfig({ ...base, PUBLIC_URL: 'https://learn.example.org/' }).auth).toMatchObject({
        issuer: 'https://learn.example.org',
        audience: 'baanrian-api',
        accessTokenTtlSeconds: 600,
        refreshTokenTtlDays: 30,
        hashConcurrency: 2,
      });
      expect(configError({ ...base, AUTH_HASH_CONCURRENCY: '0' }).message).toBe(
        'Invalid configuration: AUTH_HASH_CONCURRENCY must be a whole number from 1 to 16 (got "0")',
      );
    });

    it('keeps catalog listings 5 s per process unless configured (off in tests), 0 to 300 s', () => {
      expect(loadConfig(base).catalog.cacheSeconds).toBe(5);
      expect(loadConfig({ ...base, NODE_ENV: 'test' }).catalog.cacheSeconds).toBe(0);
      expect(loadConfig({ ...base, CATALOG_CACHE_SECONDS: '30' }).catalog.cacheSeconds).toBe(30);
      expect(configError({ ...base, CATALOG_CACHE_SECONDS: '301' }).message).toBe(
        'Invalid configuration: CATALOG_CACHE_SECONDS must be a whole number of seconds from 0 to 300 (got "301")',
      );
    });

    it('lets a just-used refresh token come back for 10 s (two tabs racing) unless configured, 0 to 60 s', () => {
      expect(loadConfig(base).auth.refreshReuseGraceSeconds).toBe(10);
      expect(loadConfig({ ...base, AUTH_REFRESH_REUSE_GRACE_SECONDS: '0' }).auth.refreshReuseGraceSeconds).toBe(0);
      expect(configError({ ...base, AUTH_REFRESH_REUSE_GRACE_SECONDS: '61' }).message).toBe(
        'Invalid configuration: AUTH_REFRESH_REUSE_GRACE_SECONDS must be a whole number of seconds from 0 to 60 (got "61")',
      );
    });

    it('keeps unused sign-in cards valid for 14 days unless configured', () => {
      expect(loadConfig(base).auth.cardTtlDays).toBe(14);
      expect(loadConfig({ ...base, AUTH_CARD_TTL_DAYS: '3' }).auth.cardTtlDays).toBe(3);
      expect(configError({ ...base, AUTH_CARD_TTL_DAYS: '91' }).message).toBe(
        'Invalid configuration: AUTH_CARD_TTL_DAYS must be a whole number of days from 1 to 90 (got "91")',
      );
    });
  });

  describe('OpenID Connect sign-in', () => {
    const oidc = { OIDC_ISSUER_URL: 'https://id.example.org', OIDC_CLIENT_ID: 'baanrian' };

    it('is off unless both the issuer and the client id are set', () => {
      expect(loadConfig(base).oidc).toBeNull();
      expect(configError({ ...base, OIDC_ISSUER_URL: oidc.OIDC_ISSUER_URL }).message).toMatch(/^Invalid configuration: OIDC_CLIENT_ID is required/);
      expect(configError({ ...base, OIDC_CLIENT_ID: 'x' }).message).toMatch(/^Invalid configuration: OIDC_ISSUER_URL is required/);
    });

    it('defaults to the standard scopes and claims, with the callback under the public URL', () => {
      expect(loadConfig({ ...base, ...oidc, PUBLIC_URL: 'https://learn.example.org' }).oidc).toEqual({
        issuerUrl: 'https://id.example.org',
        clientId: 'baanrian',
        clientSecret: null,
        scopes: 'openid email profile',
        label: null,
        claims: { email: 'email', emailVerified: 'email_verified', displayName: 'name', nationalId: null, birthYear: 'birthdate', locale: 'locale' },
        redirectUri: 'https://learn.example.org/api/v1/auth/oidc/callback',
      });
    });

    it('merges a partial claim mapping over the defaults', () => {
      const config = loadConfig({ ...base, ...oidc, OIDC_CLAIMS: '{"nationalId":"pid","locale":null}', OIDC_LABEL: ' ThaiD ', OIDC_SCOPES: 'openid pid name' });
      expect(config.oidc).toMatchObject({ label: 'ThaiD', scopes: 'openid pid name', claims: { nationalId: 'pid', locale: null, email: 'email' } });
    });

    it.each([
      ['OIDC_CLAIMS', 'not json'],
      ['OIDC_CLAIMS', '{"shoeSize":"shoe"}'],
      ['OIDC_CLAIMS', '{"email":42}'],
      ['OIDC_CLAIMS', '["email"]'],
      ['OIDC_SCOPES', 'email profile'],
      ['OIDC_SCOPES', 'openid  email'],
      ['OIDC_ISSUER_URL', 'id.example.org'],
    ])('rejects %s=%s', (variable, value) => {
      expect(configError({ ...base, ...oidc, [variable]: value }).variable).toBe(variable);
    });

    it('requires an https issuer in production, and never echoes the client secret', () => {
      const production = { ...base, NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32),
        AUTH_JWT_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
      expect(configError({ ...production, ...oidc, OIDC_ISSUER_URL: 'http://id.example.org' }).message).toBe(
        'Invalid configuration: OIDC_ISSUER_URL must use https in production',
      );
      expect(configError({ ...base, ...oidc, OIDC_CLIENT_SECRET: 's3cret', OIDC_LABEL: 'x'.repeat(61) }).message).not.toContain('s3cret');
    });
  });

  it('says which server is missing when DATABASE_URL or REDIS_URL is unset', () => {
    expect(configError({ REDIS_URL: base.REDIS_URL }).message).toMatch(/^Invalid configuration: DATABASE_URL is required/);
    expect(configError({ DATABASE_URL: base.DATABASE_URL }).message).toMatch(/^Invalid configuration: REDIS_URL is required/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...base, PORT: '', LOG_LEVEL: '' }).http.port).toBe(3000);
  });
});

describe('mail settings', () => {
  it('sends through SMTP when SMTP_URL is set, else logs (development, test) or drops (production)', () => {
    const smtp = loadConfig({ ...base, SMTP_URL: 'smtp://u:p@mail.example.org:587', MAIL_FROM: 'Baanrian <learn@example.org>' });
    expect(smtp.mail).toEqual({ transport: 'smtp', smtpUrl: 'smtp://u:p@mail.example.org:587', from: 'Baanrian <learn@example.org>' });
    expect(loadConfig(base).mail).toEqual({ transport: 'log', smtpUrl: null, from: 'Baanrian <no-reply@localhost.localdomain>' });
    const production = { ...base, NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://learn.example.org' };
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadConfig({ ...production, AUTH_JWT_PRIVATE_KEY: key }).mail).toEqual({ transport: 'off', smtpUrl: null, from: 'Baanrian <no-reply@learn.example.org>' });
    expect(loadConfig(base).auth.passwordResetTtlMinutes).toBe(30);
    expect(loadConfig({ ...base, AUTH_PASSWORD_RESET_TTL_MINUTES: '15' }).auth.passwordResetTtlMinutes).toBe(15);
  });

  it.each([
    ['SMTP_URL', 'mail.example.org:587', 'must be a URL like smtp://user:password@mail.example.org:587'],
    ['SMTP_URL', 'http://mail.example.org', 'must be a URL like smtp://user:password@mail.example.org:587'],
    ['MAIL_FROM', 'no-reply', 'must be an address like Baanrian <no-reply@learn.example.org> (got "no-reply")'],
    ['AUTH_PASSWORD_RESET_TTL_MINUTES', '2', 'must be a whole number of minutes from 5 to 1440'],
  ])('rejects %s=%s', (variable, value, problem) => {
    expect(configError({ ...base, [variable]: value }).message).toBe(`Invalid configuration: ${variable} ${problem}`);
  });
});

describe('loadLauncherConfig', () => {
  it('leaves the servers to the launcher when no URLs are given', () => {
    const config = loadLauncherConfig({ DATA_DIR: '/srv/baanrian' });
    expect(config).toMatchObject({ databaseUrl: null, redisUrl: null, dataDir: '/srv/baanrian', port: 3000 });
  });

  it('still validates what is given', () => {
    expect(() => loadLauncherConfig({ DATABASE_URL: 'not-a-url' })).toThrow(
      'Invalid configuration: DATABASE_URL must be a URL like postgres://user:password@host:5432/baanrian',
    );
  });
});

describe('media configuration', () => {
  it('stores media on local disk under DATA_DIR/media by default, with the documented size limits', () => {
    const config = loadConfig({ ...base, DATA_DIR: '/srv/baanrian' });
    expect(config.media).toEqual({
      storage: 'local',
      dir: path.resolve('/srv/baanrian/media'),
      s3: null,
      maxBytes: { image: 10 * 1024 ** 2, video: 1024 ** 3, audio: 200 * 1024 ** 2, document: 50 * 1024 ** 2, captions: 1024 ** 2 },
      tempTtlMinutes: 1440,
    });
  });

  it('reads an S3-compatible store from the environment', () => {
    const config = loadConfig({
      ...base,
      MEDIA_STORAGE: 's3',
      MEDIA_S3_ENDPOINT: 'http://minio:9000',
      MEDIA_S3_BUCKET: 'baanrian-media',
      MEDIA_S3_ACCESS_KEY_ID: 'key',
      MEDIA_S3_SECRET_ACCESS_KEY: 'secret',
      MEDIA_S3_FORCE_PATH_STYLE: 'true',
      MEDIA_MAX_VIDEO_BYTES: '2000',
    });
    expect(config.media.s3).toEqual({ endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'baanrian-media', accessKeyId: 'key', secretAccessKey: 'secret', forcePathStyle: true });
    expect(config.media.maxBytes.video).toBe(2000);
  });

  it('names what is missing for S3, and refuses a nonsense limit', () => {
    expect(configError({ ...base, MEDIA_STORAGE: 's3', MEDIA_S3_ACCESS_KEY_ID: 'k', MEDIA_S3_SECRET_ACCESS_KEY: 's' }).message).toBe(
      'Invalid configuration: MEDIA_S3_BUCKET is required when MEDIA_STORAGE=s3: the bucket name (got "undefined")',
    );
    expect(configError({ ...base, MEDIA_MAX_IMAGE_BYTES: '10MB' }).message).toBe(
      'Invalid configuration: MEDIA_MAX_IMAGE_BYTES must be a whole number of bytes, 1 or more (got "10MB")',
    );
  });
});

describe('WORKER_FAILPOINTS (fault tests)', () => {
  it('is empty unless set, and reads each point with the hit on which it fires (1 when omitted)', () => {
    expect(loadConfig(base).worker.failpoints).toEqual([]);
    expect(loadConfig({ ...base, NODE_ENV: 'test', WORKER_FAILPOINTS: 'grade.after-commit@5, mail.after-send' }).worker.failpoints).toEqual([
      { name: 'grade.after-commit', hit: 5 },
      { name: 'mail.after-send', hit: 1 },
    ]);
  });

  it.each(['grade.after-comit', 'grade.after-commit@0', 'grade.after-commit@x', 'mail.after-send,mail.after-send@2', ','])('refuses %j, naming the known points', (value) => {
    expect(configError({ ...base, WORKER_FAILPOINTS: value }).message).toBe(
      `Invalid configuration: WORKER_FAILPOINTS must be a comma-separated list of name@N (N from 1), names: grade.after-commit, credential.after-commit, mail.after-send, relay.after-enqueue (got "${value}")`,
    );
  });

  it('is refused in production, where it would kill workers on purpose', () => {
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const production = { ...base, NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32), AUTH_JWT_PRIVATE_KEY: key };
    expect(configError({ ...production, WORKER_FAILPOINTS: 'relay.after-enqueue@3' }).message).toBe(
      'Invalid configuration: WORKER_FAILPOINTS is refused in production: it kills the worker on purpose (fault tests only)',
    );
    expect(loadConfig(production).worker.failpoints).toEqual([]);
  });
});
