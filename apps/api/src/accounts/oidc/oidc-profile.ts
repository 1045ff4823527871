import type { OidcClaimMapping } from '@baanrian/config';
import { BIRTH_YEAR_MIN, DISPLAY_NAME_MAX_LENGTH, type Locale, negotiateLocale } from '@baanrian/contracts';
import { normalizeNationalId } from './national-id';
import { OidcFailure } from './oidc-failure';

/** What Baanrian takes from a provider's claims, after the configured mapping. */
export interface OidcProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
  /** Normalised, to be hashed at once; never stored or logged as such. */
  nationalId: string | null;
  birthYear: number | null;
  locale: Locale | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Thai providers may give Buddhist-era years (CE + 543). */
const BUDDHIST_ERA_OFFSET = 543;

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed.length > 0 ? trimmed : null;
}

/** A year, or a date starting with one ("1958", 1958, "1958-04-02"); Buddhist-era years are converted. */
export function birthYearFrom(value: unknown, now = new Date()): number | null {
  const match = typeof value === 'number' ? [String(value), String(value)] : typeof value === 'string' ? /^(\d{4})(?:$|-)/.exec(value.trim()) : null;
  if (!match) return null;
  let year = Number(match[1]);
  const thisYear = now.getFullYear();
  if (year > thisYear && year - BUDDHIST_ERA_OFFSET <= thisYear) year -= BUDDHIST_ERA_OFFSET;
  return year >= BIRTH_YEAR_MIN && year <= thisYear ? year : null;
}

/** Applies the claim mapping. A claim of the wrong type is ignored, not fatal: only `sub` is required. */
export function profileFromClaims(claims: Record<string, unknown>, mapping: OidcClaimMapping): OidcProfile {
  const claim = (field: keyof OidcClaimMapping): unknown => (mapping[field] ? claims[mapping[field]] : undefined);
  const subject = typeof claims.sub === 'string' && claims.sub.length > 0 && claims.sub.length <= 255 ? claims.sub : null;
  if (!subject) throw new OidcFailure('id_token_invalid', 'no usable sub claim');

  const email = text(claim('email'));
  const verified = claim('emailVerified');
  const displayName = text(claim('displayName')) ?? text([claims.given_name, claims.family_name].filter((p) => typeof p === 'string').join(' '));
  const locale = text(claim('locale'));
  return {
    subject,
    email: email && email.length <= 254 && EMAIL.test(email) ? email : null,
    // Some providers send the boolean as a string.
    emailVerified: verified === true || verified === 'true',
    displayName: displayName ? displayName.slice(0, DISPLAY_NAME_MAX_LENGTH) : null,
    nationalId: normalizeNationalId(claim('nationalId')),
    birthYear: birthYearFrom(claim('birthYear')),
    locale: locale ? negotiateLocale(locale) : null,
  };
}
