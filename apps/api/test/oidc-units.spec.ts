import { DEFAULT_OIDC_CLAIMS, loadConfig } from '@baanrian/config';
import { createHash } from 'node:crypto';
import { NationalIdHasher, normalizeNationalId } from '../src/accounts/oidc/national-id';
import { OidcFailure } from '../src/accounts/oidc/oidc-failure';
import { birthYearFrom, profileFromClaims } from '../src/accounts/oidc/oidc-profile';

const config = (secret: string) => loadConfig({ DATABASE_URL: 'postgres://u:p@db/b', REDIS_URL: 'redis://r:6379', APP_SECRET: secret });

describe('national ID hashing', () => {
  it('normalises formatting away and rejects what is not an ID number', () => {
    expect(normalizeNationalId('1-1037-00012-34-5')).toBe('1103700012345');
    expect(normalizeNationalId(' 0012 3456 7890 ')).toBe('001234567890');
    expect(normalizeNationalId('ab123456')).toBe('AB123456');
    expect(normalizeNationalId('12')).toBeNull();
    expect(normalizeNationalId({ pid: '1103700012345' })).toBeNull();
  });

  it('is a keyed hash: stable for one APP_SECRET, different under another, and not a plain SHA-256', () => {
    const a = new NationalIdHasher(config('a'.repeat(32)));
    const b = new NationalIdHasher(config('b'.repeat(32)));
    const hash = a.hash('1103700012345');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash('1103700012345')).toBe(hash);
    expect(b.hash('1103700012345')).not.toBe(hash);
    expect(createHash('sha256').update('1103700012345').digest('hex')).not.toBe(hash);
  });
});

describe('claims to profile', () => {
  const mapping = { ...DEFAULT_OIDC_CLAIMS, nationalId: 'pid' };

  it('applies the mapping, trimming names and reading the locale and birth year', () => {
    expect(
      profileFromClaims({ sub: 's1', email: 'a@example.org', email_verified: 'true', name: '  Nguyễn   Văn An ', pid: '0012 3456 7890', birthdate: '1990-01-31', locale: 'vi-VN' }, mapping),
    ).toEqual({ subject: 's1', email: 'a@example.org', emailVerified: true, displayName: 'Nguyễn Văn An', nationalId: '001234567890', birthYear: 1990, locale: 'vi' });
  });

  it('ignores claims of the wrong shape, and fields mapped to null', () => {
    const profile = profileFromClaims({ sub: 's2', email: 'not-an-email', email_verified: 1, name: 42, pid: 'x', birthdate: 'soon', locale: 'th' }, { ...mapping, locale: null });
    expect(profile).toEqual({ subject: 's2', email: null, emailVerified: false, displayName: null, nationalId: null, birthYear: null, locale: null });
  });

  it('needs a subject', () => {
    expect(() => profileFromClaims({ email: 'a@example.org' }, mapping)).toThrow(OidcFailure);
  });

  it('reads Buddhist-era birth years as CE and refuses impossible ones', () => {
    const now = new Date('2026-06-01');
    expect(birthYearFrom('2501-05-01', now)).toBe(1958);
    expect(birthYearFrom(1958, now)).toBe(1958);
    expect(birthYearFrom('1850', now)).toBeNull();
    expect(birthYearFrom('3000-01-01', now)).toBeNull();
  });
});
