import { useEffect } from 'react';
import { Form } from 'react-aria-components';
import { useDocumentTitle } from '../../app/use-document-title';
import { ACCOUNT_ROUTES, safeNext } from '../../auth/next-path';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi, useSession, useSessionStore } from '../../auth/session-context';
import { accountRules } from '../../forms/rules';
import { useSubmit } from '../../forms/use-submit';
import { navigate, useLocation } from '../../routing/location';
import { Button, ErrorState, Link, showToast, TextField } from '../../ui';
import { NewPasswordField } from './password-field';
import { ProfileFields, readProfile, useProfileDraft } from './profile-fields';
import './accounts.css';

/** `/sign-up`: an account with email and password; the profile fields help find the right courses. */
export function SignUpPage() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('signUp.documentTitle'));
  const api = useAccountsApi();
  const store = useSessionStore();
  const session = useSession();
  const { searchParams } = useLocation();
  const next = safeNext(searchParams.get('next'));
  const draft = useProfileDraft();
  const { errors, formError, pending, run } = useSubmit({ codeFields: { EMAIL_TAKEN: 'email' } });

  useEffect(() => {
    if (session.status === 'signedIn' && !pending) navigate(next, { replace: true });
  }, [session.status, pending, next]);

  return (
    <div className="page account-page">
      <h1>{t('signUp.title')}</h1>
      <p className="page__intro">{t('signUp.intro')}</p>
      <Form
        className="account-form"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          void run(async () => {
            const created = await api.signUp({
              email: String(data.get('email')).trim(),
              password: String(data.get('password')),
              ...readProfile(data, draft),
            });
            store.setSession(created);
            showToast({ title: t('signUp.welcome', { name: created.user.displayName }), variant: 'success' });
          });
        }}
      >
        <TextField
          name="email"
          type="email"
          label={t('signUp.email')}
          isRequired
          validate={accountRules.email(t)}
          autoComplete="email"
        />
        <NewPasswordField />
        <ProfileFields draft={draft} />
        {formError !== null && <ErrorState title={t('signUp.failed')} error={formError} />}
        <div className="account-form__actions">
          <Button type="submit" isPending={pending}>
            {t('signUp.submit')}
          </Button>
        </div>
      </Form>
      <p>
        {t('signUp.haveAccount')} <Link href={ACCOUNT_ROUTES.signIn}>{t('signUp.signIn')}</Link>
      </p>
    </div>
  );
}

export default SignUpPage;
