import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useDocumentTitle } from '../../app/use-document-title';
import { ApiError } from '../../api/errors';
import { ACCOUNT_ROUTES } from '../../auth/next-path';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi } from '../../auth/session-context';
import { useSubmit } from '../../forms/use-submit';
import { useLocation } from '../../routing/location';
import { Button, EmptyState, ErrorState, Link } from '../../ui';
import { NewPasswordField } from './password-field';
import './accounts.css';

/** `/reset-password?token=…`: the link from the reset email; sets a new password. */
export function ResetPasswordPage() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('reset.documentTitle'));
  const api = useAccountsApi();
  const { searchParams } = useLocation();
  const token = searchParams.get('token') ?? '';
  const [done, setDone] = useState(false);
  const { errors, formError, pending, run } = useSubmit();
  const tokenRejected = formError instanceof ApiError && formError.problem?.code === 'RESET_TOKEN_INVALID';
  const requestAgain = <Link href={ACCOUNT_ROUTES.forgotPassword}>{t('reset.requestAgain')}</Link>;

  return (
    <div className="page account-page">
      <h1>{t('reset.title')}</h1>
      {done ? (
        <div className="account-success" role="status">
          <p>{t('reset.done')}</p>
          <p>
            <Link href={ACCOUNT_ROUTES.signIn}>{t('reset.signIn')}</Link>
          </p>
        </div>
      ) : !token ? (
        <EmptyState title={t('reset.noToken')} action={requestAgain}>
          <p>{t('reset.noTokenHint')}</p>
        </EmptyState>
      ) : (
        <Form
          className="account-form"
          validationErrors={errors}
          onSubmit={(event) => {
            event.preventDefault();
            const password = String(new FormData(event.currentTarget).get('password'));
            void run(async () => {
              await api.resetPassword(token, password);
              setDone(true);
            });
          }}
        >
          <p className="page__intro">{t('reset.intro')}</p>
          <NewPasswordField label={t('reset.password')} />
          {formError !== null && <ErrorState title={t('reset.failed')} error={formError} />}
          {tokenRejected && <p>{requestAgain}</p>}
          <div className="account-form__actions">
            <Button type="submit" isPending={pending}>
              {t('reset.submit')}
            </Button>
          </div>
        </Form>
      )}
    </div>
  );
}

export default ResetPasswordPage;
