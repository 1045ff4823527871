import { useQuery } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { isLocale, LOCALES } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { ACCOUNT_ROUTES } from '../../auth/next-path';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi, useSessionStore } from '../../auth/session-context';
import { accountRules } from '../../forms/rules';
import { useSubmit } from '../../forms/use-submit';
import { currentLocale, LOCALE_ENDONYMS } from '../../i18n/i18n';
import { navigate } from '../../routing/location';
import { Button, EmptyState, ErrorState, Link, LoadingState, RadioGroup, showToast, TextField } from '../../ui';
import { NewPasswordField } from './password-field';
import './accounts.css';

/**
 * `/setup`: the first administrator, on a fresh installation. Works only while the API says no
 * administrator exists (GET /setup); afterwards it says so and points to sign-in.
 */
export function SetupPage() {
  const { t, i18n } = useAccountsTranslation();
  useDocumentTitle(t('setup.documentTitle'));
  const api = useAccountsApi();
  const store = useSessionStore();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api.setup(), staleTime: 0 });
  const { errors, formError, pending, run } = useSubmit({ codeFields: { EMAIL_TAKEN: 'email' } });

  return (
    <div className="page account-page">
      <h1>{t('setup.title')}</h1>
      {setup.isPending ? (
        <LoadingState label={t('setup.checking')} />
      ) : setup.isError ? (
        <ErrorState title={t('setup.checkFailed')} error={setup.error} onRetry={() => void setup.refetch()} retrying={setup.isFetching} />
      ) : !setup.data.needsAdmin ? (
        <EmptyState title={t('setup.done')} action={<Link href={ACCOUNT_ROUTES.signIn}>{t('setup.signIn')}</Link>}>
          <p>{t('setup.doneHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="page__intro">{t('setup.intro')}</p>
          <Form
            className="account-form"
            validationErrors={errors}
            onSubmit={(event) => {
              event.preventDefault();
              const data = new FormData(event.currentTarget);
              const locale = String(data.get('preferredLocale'));
              void run(async () => {
                store.setSession(
                  await api.setupAdmin({
                    email: String(data.get('email')).trim(),
                    password: String(data.get('password')),
                    displayName: String(data.get('displayName')).trim(),
                    preferredLocale: isLocale(locale) ? locale : currentLocale(i18n),
                  }),
                );
                showToast({ title: t('setup.created'), variant: 'success' });
                navigate(ACCOUNT_ROUTES.adminUsers);
              });
            }}
          >
            <TextField name="displayName" label={t('setup.displayName')} isRequired validate={accountRules.displayName(t)} autoComplete="name" />
            <TextField
              name="email"
              type="email"
              label={t('setup.email')}
              isRequired
              validate={accountRules.email(t)}
              autoComplete="email"
            />
            <NewPasswordField />
            <RadioGroup
              name="preferredLocale"
              label={t('profile.language')}
              defaultValue={currentLocale(i18n)}
              orientation="horizontal"
              options={LOCALES.map((locale) => ({ id: locale, label: LOCALE_ENDONYMS[locale], lang: locale }))}
            />
            {formError !== null && <ErrorState title={t('setup.failed')} error={formError} />}
            <div className="account-form__actions">
              <Button type="submit" isPending={pending}>
                {t('setup.submit')}
              </Button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}

export default SetupPage;
