import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, useLocation } from '../routing/location';
import { Link } from '../routing/link';
import { ACCOUNT_ROUTES, signInHref } from './next-path';
import { useAccountsApi, useSession, useSessionStore } from './session-context';
import { hasRole } from './session-store';
import './account-nav.css';

/** A toast without putting RAC's toast code in the first download (it loads with the first toast). */
function toastLater(title: string): void {
  void import('../ui/toast-queue').then(({ showToast }) => showToast({ title, variant: 'success' }));
}

/**
 * The header's account corner, kept light for the start page: native links and a native button
 * in the design system's style, no react-aria-components. Signed out: "Sign in" (coming back
 * here afterwards). Signed in: the user's name, linking to their account, and "Sign out".
 */
export function AccountNav() {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const store = useSessionStore();
  const { pathname, searchParams } = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const query = searchParams.toString();

  if (session.status === 'checking' && !session.user) {
    // Holds the place while a returning user's session is checked, so the header does not jump.
    return <span className="account-nav account-nav--checking" aria-hidden="true" />;
  }
  if (!session.user) {
    return (
      <Link href={signInHref(pathname + (query ? `?${query}` : ''))} className="ui-button ui-button--secondary account-nav__sign-in">
        {t('nav.signIn')}
      </Link>
    );
  }

  const signOut = async () => {
    if (signingOut) return;
    setSigningOut(true);
    await store.signOut();
    setSigningOut(false);
    navigate('/');
    toastLater(t('nav.signedOut'));
  };

  return (
    <div className="account-nav">
      <Link href={ACCOUNT_ROUTES.account} className="account-nav__account" aria-label={t('nav.accountLabel', { name: session.user.displayName })}>
        <span className="account-nav__name">{session.user.displayName}</span>
      </Link>
      <button type="button" className="ui-button ui-button--quiet" data-pending={signingOut || undefined} onClick={() => void signOut()}>
        <span className="ui-button__label">{t('nav.signOut')}</span>
      </button>
    </div>
  );
}

/** Extra items for the primary navigation, by role. */
export function AccountNavItems({ current }: { current: string }) {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const items = [
    // The instructor studio (pages/studio), for instructors and admins.
    ...(hasRole(session, 'instructor', 'admin') ? [{ href: '/studio', label: t('nav.studio') }] : []),
    ...(hasRole(session, 'admin') ? [{ href: ACCOUNT_ROUTES.adminUsers, label: t('nav.admin') }] : []),
    ...(hasRole(session, 'instructor') && !hasRole(session, 'admin') ? [{ href: ACCOUNT_ROUTES.adminAssisted, label: t('nav.assisted') }] : []),
  ];
  return (
    <>
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} className="site-nav__link" aria-current={current === item.href ? 'page' : undefined}>
            {item.label}
          </Link>
        </li>
      ))}
    </>
  );
}

/**
 * While a guardian learns as their child: says so on every page, with the way back. A native
 * button, like the rest of the shell.
 */
export function ActingAsBanner() {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const store = useSessionStore();
  const api = useAccountsApi();
  const [state, setState] = useState<'idle' | 'pending' | 'failed'>('idle');
  const actingAs = session.user?.actingAs;
  if (!session.user || !actingAs) return null;

  const switchBack = async () => {
    if (state === 'pending') return;
    setState('pending');
    try {
      store.setSession(await api.switchBack());
      setState('idle');
      navigate(ACCOUNT_ROUTES.children);
    } catch {
      setState('failed');
    }
  };

  return (
    <div className="acting-as" role="region" aria-label={t('actingAs.label')}>
      <div className="container acting-as__inner">
        <p className="acting-as__text">{t('actingAs.banner', { child: session.user.displayName, guardian: actingAs.guardianName })}</p>
        <button type="button" className="ui-button ui-button--primary" data-pending={state === 'pending' || undefined} onClick={() => void switchBack()}>
          <span className="ui-button__label">{t('actingAs.switchBack')}</span>
        </button>
        {state === 'failed' && (
          <p className="acting-as__error" role="alert">
            {t('actingAs.failed')}
          </p>
        )}
      </div>
    </div>
  );
}
