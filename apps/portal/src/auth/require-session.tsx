import { useEffect, type ReactNode } from 'react';
import type { Role } from '@baanrian/contracts';
import { useDocumentTitle } from '../app/use-document-title';
import { navigate, useLocation } from '../routing/location';
import { EmptyState, ErrorState, Link, LoadingState } from '../ui';
import { signInHref } from './next-path';
import { useAccountsTranslation } from './screens-i18n';
import { useSession, useSessionStore } from './session-context';
import { hasRole } from './session-store';

/** A page for signed-in users only; with `roles`, only for users holding one of them. */
export function RequireSession({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useAccountsTranslation();
  const session = useSession();
  const store = useSessionStore();
  const { pathname, searchParams } = useLocation();
  const query = searchParams.toString();
  const here = pathname + (query ? `?${query}` : '');

  // The visitor may have a session this browser did not remember: ask the server before deciding,
  // whenever signed out is only assumed (also when the store settles after this page mounted).
  const assumedSignedOut = session.status === 'signedOut' && !session.verified;
  useEffect(() => {
    if (assumedSignedOut) void store.verify();
  }, [store, assumedSignedOut]);
  const signedOut = session.status === 'signedOut' && session.verified;
  useEffect(() => {
    if (signedOut) navigate(signInHref(here), { replace: true });
  }, [signedOut, here]);

  if (session.status === 'signedOut' && session.unreachable) {
    return <Unreachable onRetry={() => void store.refresh()} />;
  }
  if (session.status !== 'signedIn' || !session.user) return <LoadingState label={t('guard.checking')} />;
  if (roles && !hasRole(session, ...roles)) return <NoAccess />;
  return children;
}

function Unreachable({ onRetry }: { onRetry: () => void }) {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('guard.unreachableTitle'));
  return (
    <div className="page">
      <h1>{t('guard.unreachableTitle')}</h1>
      <ErrorState title={t('guard.unreachable')} error={null} onRetry={onRetry} />
    </div>
  );
}

/** A friendly dead end with a way out: the page exists, it is just not for this account. */
export function NoAccess() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('guard.noAccessTitle'));
  return (
    <div className="page">
      <h1>{t('guard.noAccessTitle')}</h1>
      <EmptyState title={t('guard.noAccess')} action={<Link href="/">{t('guard.home')}</Link>}>
        <p>{t('guard.noAccessHint')}</p>
      </EmptyState>
    </div>
  );
}
