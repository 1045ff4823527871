import { CONSENT_PURPOSES, OIDC_FAILURE_REASONS, ROLES } from '@baanrian/contracts';
import { resources } from '../i18n/i18n';
import { ACCOUNTS_SCREEN_RESOURCES } from './screens-i18n';

/** Every key path, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

const sorted = (value: unknown) => [...new Set(keys(value))].sort();

/** The `accounts` namespace (src/auth) has the same rules as the others: same keys in th, en and vi, none empty. */
describe('accounts translations', () => {
  it.each(['en', 'vi'] as const)('%s has exactly the header keys Thai has', (locale) => {
    expect(sorted(resources[locale].accounts)).toEqual(sorted(resources.th.accounts));
  });

  it.each(['en', 'vi'] as const)('%s has exactly the screen keys Thai has', (locale) => {
    expect(sorted(ACCOUNTS_SCREEN_RESOURCES[locale])).toEqual(sorted(ACCOUNTS_SCREEN_RESOURCES.th));
  });

  it('keeps header and screen keys apart (the screens are merged in later, deeply)', () => {
    const header = new Set(Object.keys(resources.th.accounts));
    expect(Object.keys(ACCOUNTS_SCREEN_RESOURCES.th).filter((key) => header.has(key))).toEqual([]);
  });

  it.each(['th', 'en', 'vi'] as const)('%s has no empty strings and names every role', (locale) => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string'
        ? value.trim() ? [] : [path]
        : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    expect(empty({ ...resources[locale].accounts, ...ACCOUNTS_SCREEN_RESOURCES[locale] }, locale)).toEqual([]);
    for (const role of ROLES) expect(ACCOUNTS_SCREEN_RESOURCES[locale].roles[role]).toBeTruthy();
  });

  it.each(['th', 'en', 'vi'] as const)('%s explains every digital-ID failure reason and names every consent purpose', (locale) => {
    const reasons = ACCOUNTS_SCREEN_RESOURCES[locale].signIn.oidcReason as Record<string, string>;
    expect(Object.keys(reasons).sort()).toEqual([...OIDC_FAILURE_REASONS].sort());
    const purposes = ACCOUNTS_SCREEN_RESOURCES[locale].consents.purpose as Record<string, string>;
    for (const purpose of CONSENT_PURPOSES) expect(purposes[purpose]).toBeTruthy();
  });
});
