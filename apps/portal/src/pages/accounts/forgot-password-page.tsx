import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useDocumentTitle } from '../../app/use-document-title';
import { ACCOUNT_ROUTES } from '../../auth/next-path';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi } from '../../auth/session-context';
import { accountRules } from '../../forms/rules';
import { useSubmit } from '../../forms/use-submit';
import { Button, ErrorState, Link, TextField } from '../../ui';
import './accounts.css';

/**
 * `/forgot-password`: asks for a reset link by email. The answer is the same whether or not the
 * address has an account (the API always says 202), so the page never tells which emails exist.
 */
export function ForgotPasswordPage() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('forgot.documentTitle'));
  const api = useAccountsApi();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { errors, formError, pending, run } = useSubmit();

  return (
    <div className="page account-page">
      <h1>{t('forgot.title')}</h1>
      {sentTo ? (
        <div className="account-success" role="status">
          <p>{t('forgot.sent', { email: sentTo })}</p>
          <p>{t('forgot.sentHint')}</p>
        </div>
      ) : (
        <>
          <p className="page__intro">{t('forgot.intro')}</p>
          <Form
            className="account-form"
            validationErrors={errors}
            onSubmit={(event) => {
              event.preventDefault();
              const email = String(new FormData(event.currentTarget).get('email')).trim();
              void run(async () => {
                await api.forgotPassword(email);
                setSentTo(email);
              });
            }}
          >
            <TextField
              name="email"
              type="email"
              label={t('forgot.email')}
              isRequired
              validate={accountRules.email(t)}
              autoComplete="email"
            />
            {formError !== null && <ErrorState title={t('forgot.failed')} error={formError} />}
            <div className="account-form__actions">
              <Button type="submit" isPending={pending}>
                {t('forgot.submit')}
              </Button>
            </div>
          </Form>
          <p className="account-note">{t('forgot.noEmail')}</p>
        </>
      )}
      <p>
        <Link href={ACCOUNT_ROUTES.signIn}>{t('forgot.backToSignIn')}</Link>
      </p>
    </div>
  );
}

export default ForgotPasswordPage;
