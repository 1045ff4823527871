import { useState } from 'react';
import { Form } from 'react-aria-components';
import { normalizeAccountCode } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import type { SecretKind } from '../../auth/accounts-api';
import { ACCOUNT_ROUTES } from '../../auth/next-path';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useAccountsApi, useSessionStore } from '../../auth/session-context';
import { accountRules, normalizeDigits } from '../../forms/rules';
import { useSubmit } from '../../forms/use-submit';
import { navigate, useLocation } from '../../routing/location';
import { Button, ErrorState, Link, RadioGroup, showToast, TextField } from '../../ui';
import { NewPasswordField } from './password-field';
import './accounts.css';

/**
 * `/card?c=<account code>`: the first sign-in with a printed sign-in card (assisted sign-up).
 * Step 1: the one-time code on the card. Step 2: the learner's own password or 6-digit PIN;
 * after that the card no longer works.
 */
export function CardPage() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('card.documentTitle'));
  const { searchParams } = useLocation();
  const [fromCard] = useState(() => takeCardFragment(searchParams.get('c')));
  const [redeemed, setRedeemed] = useState<{ accountCode: string; setupToken: string } | null>(null);

  return (
    <div className="page account-page">
      <h1>{t('card.title')}</h1>
      {redeemed ? (
        <ChooseSecret {...redeemed} />
      ) : (
        <RedeemCode initial={fromCard} onRedeemed={setRedeemed} />
      )}
      <p>
        <Link href={ACCOUNT_ROUTES.signIn}>{t('card.haveSecret')}</Link>
      </p>
    </div>
  );
}

/**
 * The card's QR code opens `/card#c=<account code>.<one-time code>`: in the fragment, so the code
 * never reaches a server log. Both fields are filled in from it, and the fragment is removed from
 * the address (and so from the browser's history). `?c=<account code>` works too.
 */
function takeCardFragment(queryCode: string | null): { accountCode: string; oneTimeCode: string } {
  const match = /^#c=([^.]+)\.(.+)$/.exec(window.location.hash);
  if (!match) return { accountCode: queryCode ?? '', oneTimeCode: '' };
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  return { accountCode: decodeURIComponent(match[1]), oneTimeCode: decodeURIComponent(match[2]) };
}

function RedeemCode({
  initial,
  onRedeemed,
}: {
  initial: { accountCode: string; oneTimeCode: string };
  onRedeemed: (value: { accountCode: string; setupToken: string }) => void;
}) {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const { errors, formError, pending, run } = useSubmit();
  return (
    <>
      <p className="page__intro">{t('card.intro')}</p>
      <Form
        className="account-form"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const typed = normalizeDigits(String(data.get('accountCode')));
          // "br 48217" is BR-48217 (contracts' own reading, as at sign-in).
          const accountCode = normalizeAccountCode(typed) ?? typed.trim().toUpperCase();
          const oneTimeCode = normalizeDigits(String(data.get('oneTimeCode'))).replace(/\s+/g, '');
          void run(async () => {
            const { setupToken } = await api.redeemCard(accountCode, oneTimeCode);
            onRedeemed({ accountCode, setupToken });
          });
        }}
      >
        <TextField
          name="accountCode"
          label={t('card.accountCode')}
          description={t('card.accountCodeHint')}
          defaultValue={initial.accountCode}
          isRequired
          validate={accountRules.required(t)}
          autoComplete="username"
        />
        <TextField
          name="oneTimeCode"
          label={t('card.oneTimeCode')}
          description={t('card.oneTimeCodeHint')}
          defaultValue={initial.oneTimeCode}
          isRequired
          validate={accountRules.required(t)}
          autoComplete="one-time-code"
        />
        {formError !== null && <ErrorState title={t('card.redeemFailed')} error={formError} />}
        <div className="account-form__actions">
          <Button type="submit" isPending={pending}>
            {t('card.continue')}
          </Button>
        </div>
      </Form>
    </>
  );
}

function ChooseSecret({ accountCode, setupToken }: { accountCode: string; setupToken: string }) {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const store = useSessionStore();
  const [kind, setKind] = useState<SecretKind>('pin');
  const { errors, formError, pending, run } = useSubmit();
  return (
    <>
      <div className="account-success" role="status">
        <p>{t('card.codeAccepted', { accountCode })}</p>
      </div>
      <Form
        className="account-form"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          const raw = String(new FormData(event.currentTarget).get('secret'));
          const secret = kind === 'pin' ? normalizeDigits(raw) : raw;
          void run(async () => {
            store.setSession(await api.completeCard(setupToken, kind, secret));
            showToast({ title: t(kind === 'pin' ? 'card.donePin' : 'card.donePassword', { accountCode }), variant: 'success' });
            navigate(ACCOUNT_ROUTES.account);
          });
        }}
      >
        <RadioGroup
          label={t('card.secretKind')}
          value={kind}
          onChange={(value) => setKind(value === 'password' ? 'password' : 'pin')}
          options={[
            { id: 'pin', label: t('card.pin') },
            { id: 'password', label: t('card.password') },
          ]}
        />
        {kind === 'pin' ? (
          <TextField
            key="pin"
            name="secret"
            type="password"
            label={t('card.pinLabel')}
            description={t('card.pinHint')}
            inputMode="numeric"
            maxLength={6}
            isRequired
            validate={accountRules.pin(t)}
            autoComplete="new-password"
          />
        ) : (
          <NewPasswordField key="password" name="secret" />
        )}
        {formError !== null && <ErrorState title={t('card.completeFailed')} error={formError} />}
        <div className="account-form__actions">
          <Button type="submit" isPending={pending}>
            {t('card.finish')}
          </Button>
        </div>
      </Form>
    </>
  );
}

export default CardPage;
