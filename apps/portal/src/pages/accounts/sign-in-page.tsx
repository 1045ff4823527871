import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { OIDC_FAILURE_REASONS, type OidcFailureReason } from '@baanrian/contracts';
import { Form } from 'react-aria-components';
import { useDocumentTitle } from '../../app/use-document-title';
import { OIDC_START_PATH } from '../../auth/accounts-api';
import { ACCOUNT_ROUTES, safeNext } from '../../auth/next-path';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi, useSession, useSessionStore } from '../../auth/session-context';
import { accountRules } from '../../forms/rules';
import { useSubmit } from '../../forms/use-submit';
import { navigate, useLocation } from '../../routing/location';
import { Button, ErrorState, Link, TextField } from '../../ui';
import './accounts.css';

/** The API's `reason` for a failed digital-ID sign-in; anything unknown reads as `internal`. */
function oidcReason(raw: string | null): OidcFailureReason {
  return (OIDC_FAILURE_REASONS as readonly string[]).includes(raw ?? '') ? (raw as OidcFailureReason) : 'internal';
}

/** Where to return after the digital-ID round trip (the provider sends us to /sign-in?oidc=ok). */
const OIDC_NEXT_KEY = 'baanrian.oidcNext';

function rememberNextForOidc(next: string) {
  try {
    sessionStorage.setItem(OIDC_NEXT_KEY, next);
  } catch {
    // Without storage the learner lands on the start page afterwards.
  }
}

function takeOidcNext(): string | null {
  try {
    const next = sessionStorage.getItem(OIDC_NEXT_KEY);
    sessionStorage.removeItem(OIDC_NEXT_KEY);
    return next;
  } catch {
    return null;
  }
}

/** `/sign-in`: email or account code and password (or PIN); "sign in with digital ID" when the instance offers it. */
export function SignInPage() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('signIn.documentTitle'));
  const api = useAccountsApi();
  const store = useSessionStore();
  const session = useSession();
  const { searchParams } = useLocation();
  const oidcResult = searchParams.get('oidc');
  // Read once: the stored value is removed as it is read.
  const [oidcNext] = useState(() => (oidcResult === 'ok' ? takeOidcNext() : null));
  const next = safeNext(oidcNext ?? searchParams.get('next'));
  const oidc = useQuery({ queryKey: ['auth', 'oidc'], queryFn: () => api.oidc(), staleTime: Infinity, retry: false });
  const { errors, formError, pending, run } = useSubmit();

  // Back from the digital-ID provider, the session cookie is set: pick it up. Otherwise check
  // quietly whether this browser still has a session (then there is nothing to do here).
  useEffect(() => {
    if (oidcResult === 'ok') void store.refresh();
    else void store.verify();
  }, [oidcResult, store]);
  useEffect(() => {
    if (session.status === 'signedIn') navigate(next, { replace: true });
  }, [session.status, next]);

  return (
    <div className="page account-page">
      <h1>{t('signIn.title')}</h1>
      <p className="page__intro">{t('signIn.intro')}</p>
      {oidcResult === 'error' && (
        <div className="ui-state ui-state--error" role="alert">
          <h2>{t('signIn.oidcFailed')}</h2>
          <p>{t(`signIn.oidcReason.${oidcReason(searchParams.get('reason'))}`)}</p>
        </div>
      )}
      <Form
        className="account-form"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          void run(async () => {
            store.setSession(await api.signIn({ login: String(data.get('login')).trim(), password: String(data.get('password')) }));
          });
        }}
      >
        <TextField
          name="login"
          label={t('signIn.login')}
          description={t('signIn.loginHint')}
          isRequired
          validate={accountRules.required(t)}
          autoComplete="username"
        />
        <TextField
          name="password"
          type="password"
          label={t('signIn.password')}
          isRequired
          validate={accountRules.required(t)}
          autoComplete="current-password"
        />
        {formError !== null && <ErrorState title={t('signIn.failed')} error={formError} />}
        <div className="account-form__actions">
          <Button type="submit" isPending={pending}>
            {t('signIn.submit')}
          </Button>
          <Link href={ACCOUNT_ROUTES.forgotPassword}>{t('signIn.forgot')}</Link>
        </div>
      </Form>
      {oidc.data?.enabled && (
        <>
          <p className="account-divider">{t('signIn.or')}</p>
          <p>
            {/* A full page load to the API, which redirects to the provider: not a client-side route. */}
            <a className="ui-link ui-button ui-button--secondary" href={OIDC_START_PATH} onClick={() => rememberNextForOidc(next)}>
              {oidc.data.label ? t('signIn.oidcNamed', { label: oidc.data.label }) : t('signIn.oidc')}
            </a>
          </p>
        </>
      )}
      <ul className="account-links">
        <li>
          <Link href={ACCOUNT_ROUTES.signUp}>{t('signIn.signUp')}</Link>
        </li>
        <li>
          <Link href={ACCOUNT_ROUTES.card}>{t('signIn.card')}</Link>
        </li>
      </ul>
    </div>
  );
}

export default SignInPage;
