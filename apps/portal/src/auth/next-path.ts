/** Paths of the accounts screens (also in routing/routes.tsx's ROUTES). */
export const ACCOUNT_ROUTES = {
  signIn: '/sign-in',
  signUp: '/sign-up',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  setup: '/setup',
  card: '/card',
  account: '/account',
  children: '/account/children',
  adminUsers: '/admin/users',
  adminAudit: '/admin/audit',
  adminAssisted: '/admin/assisted',
  adminJobs: '/admin/jobs',
} as const;

/**
 * Where to go after signing in: a same-origin path from `?next=`, never another site
 * ("//evil.example", "/\\evil.example") and never back to a page that only makes sense signed out.
 */
export function safeNext(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  const path = raw.split(/[?#]/)[0];
  const signedOutOnly: string[] = [ACCOUNT_ROUTES.signIn, ACCOUNT_ROUTES.signUp, ACCOUNT_ROUTES.card, ACCOUNT_ROUTES.setup];
  return signedOutOnly.includes(path) ? fallback : raw;
}

/** The sign-in page's URL that comes back to `here` afterwards. */
export const signInHref = (here: string): string =>
  here === '/' || safeNext(here, '') === '' ? ACCOUNT_ROUTES.signIn : `${ACCOUNT_ROUTES.signIn}?next=${encodeURIComponent(here)}`;
