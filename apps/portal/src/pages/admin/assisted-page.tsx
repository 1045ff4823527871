import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useDocumentTitle } from '../../app/use-document-title';
import type { AdminUserDto, SignInCardDto } from '../../auth/accounts-api';
import { RequireSession } from '../../auth/require-session';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi } from '../../auth/session-context';
import { useSubmit } from '../../forms/use-submit';
import { Button, ErrorState } from '../../ui';
import { ProfileFields, readProfile, useProfileDraft } from '../accounts/profile-fields';
import { AdminNav } from './admin-nav';
import { SignInCard } from './sign-in-card';
import '../accounts/accounts.css';
import './admin.css';

/**
 * `/admin/assisted`: an instructor or administrator creates an account for someone without an
 * email address and prints their sign-in card (QR code and one-time code).
 */
export function AssistedSignUpPage() {
  return (
    <RequireSession roles={['instructor', 'admin']}>
      <AssistedScreen />
    </RequireSession>
  );
}

function AssistedScreen() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('admin.assisted.documentTitle'));
  const [created, setCreated] = useState<{ user: AdminUserDto; card: SignInCardDto } | null>(null);
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="page account-page">
      <h1 className="no-print">{t('admin.assisted.title')}</h1>
      <div className="no-print">
        <AdminNav />
      </div>
      {created ? (
        <>
          <SignInCard user={created.user} card={created.card} />
          <div className="account-form__actions no-print">
            <Button onPress={() => window.print()}>{t('admin.assisted.print')}</Button>
            <Button
              variant="secondary"
              onPress={() => {
                setCreated(null);
                setFormKey((key) => key + 1);
              }}
            >
              {t('admin.assisted.another')}
            </Button>
          </div>
        </>
      ) : (
        <AssistedForm key={formKey} onCreated={setCreated} />
      )}
    </div>
  );
}

function AssistedForm({ onCreated }: { onCreated: (value: { user: AdminUserDto; card: SignInCardDto }) => void }) {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const draft = useProfileDraft();
  const { errors, formError, pending, run } = useSubmit();
  return (
    <>
      <p className="page__intro">{t('admin.assisted.intro')}</p>
      <Form
        className="account-form"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          const body = readProfile(new FormData(event.currentTarget), draft);
          void run(async () => onCreated(await api.createAssistedAccount(body)));
        }}
      >
        <ProfileFields draft={draft} subject="other" />
        {formError !== null && <ErrorState title={t('admin.assisted.failed')} error={formError} />}
        <div className="account-form__actions">
          <Button type="submit" isPending={pending}>
            {t('admin.assisted.submit')}
          </Button>
        </div>
      </Form>
    </>
  );
}

export default AssistedSignUpPage;
