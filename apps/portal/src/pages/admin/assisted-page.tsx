import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useDocumentTitle } from '../../app/use-document-title';
import type { AdminUserDto, SignInCardDto } from '../../auth/accounts-api';
import { RequireSession } from '../../auth/require-session';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi } from '../../auth/session-context';
import { useSubmit } from '../../forms/use-submit';
import { formatDate, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, ErrorState } from '../../ui';
import { ProfileFields, readProfile, useProfileDraft } from '../accounts/profile-fields';
import { AdminNav } from './admin-nav';
import '../accounts/accounts.css';
import './admin.css';
import './sign-in-card.css';

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

/**
 * The printable card. The QR code is the API's SVG shown as an image (a data: URL), so nothing in
 * it can run as part of the page. Print styles (sign-in-card.css) leave only the card on paper.
 */
function SignInCard({ user, card }: { user: AdminUserDto; card: SignInCardDto }) {
  const { t, i18n } = useAccountsTranslation();
  const locale = currentLocale(i18n);
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(card.qrSvg)}`;
  return (
    <section className="sign-in-card" aria-labelledby="sign-in-card-title">
      <h2 id="sign-in-card-title">{t('admin.assisted.cardTitle', { name: user.displayName })}</h2>
      <div className="sign-in-card__body">
        <img className="sign-in-card__qr" src={qr} alt={t('admin.assisted.qrAlt')} width={176} height={176} />
        <dl className="sign-in-card__codes">
          <dt>{t('admin.assisted.accountCode')}</dt>
          <dd className="sign-in-card__code">{card.accountCode}</dd>
          <dt>{t('admin.assisted.oneTimeCode')}</dt>
          <dd className="sign-in-card__code">{card.oneTimeCode}</dd>
          <dt>{t('admin.assisted.address')}</dt>
          <dd className="sign-in-card__url">{card.signInUrl}</dd>
          <dt>{t('admin.assisted.expires')}</dt>
          <dd>
            <time dateTime={isoDate(card.expiresAt)}>{formatDate(card.expiresAt, locale)}</time>
          </dd>
        </dl>
      </div>
      <ol className="sign-in-card__steps">
        <li>{t('admin.assisted.step1')}</li>
        <li>{t('admin.assisted.step2')}</li>
        <li>{t('admin.assisted.step3')}</li>
      </ol>
    </section>
  );
}

export default AssistedSignUpPage;
