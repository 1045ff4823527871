import { loadConfig } from '@baanrian/config';
import { LOCALES } from '@baanrian/contracts';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACCOUNTS_ERROR_STATUS } from '../src/accounts/accounts.exception';
import { resolveSigningKey } from '../src/accounts/signing-key';
import { PROBLEM_TITLES } from '../src/problem/problem.messages';

describe('accounts problem codes', () => {
  it.each(Object.keys(ACCOUNTS_ERROR_STATUS))('%s has a title in Thai, English and Vietnamese', (code) => {
    for (const locale of LOCALES) expect(PROBLEM_TITLES[code]?.[locale]).toMatch(/\S/);
  });
});

describe('the access-token signing key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'baanrian-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const base = { DATABASE_URL: 'postgres://u:p@h/db', REDIS_URL: 'redis://h' };

  it('is generated once into the data dir in development, private to its owner, and reused', () => {
    const auth = loadConfig({ ...base, DATA_DIR: dataDir }).auth;
    const first = resolveSigningKey(auth);
    expect(first.source).toBe('generated-file');
    expect(createPrivateKey(first.pem).asymmetricKeyType).toBe('ed25519');
    expect(statSync(path.join(dataDir, 'auth/jwt-ed25519.pem')).mode & 0o777).toBe(0o600);
    expect(resolveSigningKey(auth)).toEqual({ pem: first.pem, source: 'file' });
    expect(readFileSync(path.join(dataDir, 'auth/jwt-ed25519.pem'), 'utf8')).toBe(first.pem);
  });

  it('comes from AUTH_JWT_PRIVATE_KEY when set, and lives in memory only in test mode', () => {
    const configured = resolveSigningKey(loadConfig({ ...base, NODE_ENV: 'test', DATA_DIR: dataDir }).auth);
    expect(configured.source).toBe('memory');
    expect(resolveSigningKey(loadConfig({ ...base, AUTH_JWT_PRIVATE_KEY: configured.pem }).auth)).toEqual({ pem: configured.pem, source: 'config' });
  });
});
