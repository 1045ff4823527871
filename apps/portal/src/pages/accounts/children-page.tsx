import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { targetGroupForBirthYear, type TargetGroup } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { CHILD_CONSENT, type ChildDto } from '../../auth/accounts-api';
import { ACCOUNT_ROUTES } from '../../auth/next-path';
import { RequireSession } from '../../auth/require-session';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { ACCOUNT_QUERY_ROOT, useAccountsApi, useSession, useSessionStore } from '../../auth/session-context';
import { accountRules, formatBirthYear, parseBirthYear } from '../../forms/rules';
import { useSubmit } from '../../forms/use-submit';
import { formatDate, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { navigate } from '../../routing/location';
import { Button, Card, Checkbox, Dialog, DialogTrigger, EmptyState, ErrorState, Link, LoadingState, showToast, TextField } from '../../ui';
import { useBirthYearEra } from './profile-fields';
import './accounts.css';

const childrenKey = [ACCOUNT_QUERY_ROOT, 'children'] as const;
const isChildTargetGroup = (group: TargetGroup) => group === 'early_childhood' || group === 'youth';

/** `/account/children`: a guardian's child profiles: add one (with consent), learn as one, remove one. */
export function ChildrenPage() {
  return (
    <RequireSession>
      <ChildrenScreen />
    </RequireSession>
  );
}

function ChildrenScreen() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('children.documentTitle'));
  const session = useSession();
  const api = useAccountsApi();
  const children = useQuery({ queryKey: childrenKey, queryFn: () => api.children(), enabled: !session.user?.isChild });

  if (session.user?.isChild) {
    return (
      <div className="page account-page">
        <h1>{t('children.title')}</h1>
        <EmptyState title={t('children.actingAsChild')}>
          <p>{t('children.actingAsChildHint')}</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page account-page account-page--wide">
      <h1>{t('children.title')}</h1>
      <p className="page__intro">{t('children.intro')}</p>
      <section className="account-section" aria-labelledby="children-list">
        <h2 id="children-list">{t('children.listTitle')}</h2>
        {children.isPending ? (
          <LoadingState label={t('children.loading')} />
        ) : children.isError ? (
          <ErrorState headingLevel={3} title={t('children.loadFailed')} error={children.error} onRetry={() => void children.refetch()} retrying={children.isFetching} />
        ) : children.data.length === 0 ? (
          <EmptyState headingLevel={3} title={t('children.none')}>
            <p>{t('children.noneHint')}</p>
          </EmptyState>
        ) : (
          <ul className="account-list">
            {children.data.map((child) => (
              <li key={child.id}>
                <ChildCard child={child} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <AddChild />
      <p>
        <Link href={ACCOUNT_ROUTES.account}>{t('children.backToAccount')}</Link>
      </p>
    </div>
  );
}

function ChildCard({ child }: { child: ChildDto }) {
  const { t, i18n } = useAccountsTranslation();
  const { t: tc } = useTranslation();
  const api = useAccountsApi();
  const store = useSessionStore();
  const queryClient = useQueryClient();
  const era = useBirthYearEra();
  const locale = currentLocale(i18n);
  const switching = useSubmit();
  const removing = useSubmit();

  return (
    <Card as="article" aria-labelledby={`child-${child.id}`}>
      <h3 id={`child-${child.id}`}>{child.displayName}</h3>
      <p>{t('children.born', { year: formatBirthYear(child.birthYear, era) })}</p>
      <p>{tc(`targetGroup.${child.targetGroup}`)}</p>
      {child.consentGivenAt ? (
        <p>
          {t('children.consentGiven')} <time dateTime={isoDate(child.consentGivenAt)}>{formatDate(child.consentGivenAt, locale)}</time>
        </p>
      ) : (
        <p>{t('children.noConsent')}</p>
      )}
      {switching.formError !== null && <ErrorState headingLevel={3} title={t('children.switchFailed')} error={switching.formError} />}
      <div className="account-form__actions">
        {child.consentGivenAt && (
          <Button
            isPending={switching.pending}
            onPress={() =>
              void switching.run(async () => {
                store.setSession(await api.switchToChild(child.id));
                navigate('/');
              })
            }
          >
            {t('children.learnAs', { name: child.displayName })}
          </Button>
        )}
        <DialogTrigger>
          <Button variant="quiet">{t('children.remove', { name: child.displayName })}</Button>
          <Dialog
            title={t('children.removeTitle', { name: child.displayName })}
            actions={(close) => (
              <Button
                isPending={removing.pending}
                onPress={() =>
                  void removing.run(async () => {
                    await api.removeChild(child.id);
                    close();
                    await queryClient.invalidateQueries({ queryKey: childrenKey });
                    showToast({ title: t('children.removed', { name: child.displayName }), variant: 'success' });
                  })
                }
              >
                {t('children.removeConfirm')}
              </Button>
            )}
          >
            <p>{t('children.removeBody')}</p>
            {removing.formError !== null && <ErrorState headingLevel={3} title={t('children.removeFailed')} error={removing.formError} />}
          </Dialog>
        </DialogTrigger>
      </div>
    </Card>
  );
}

function AddChild() {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const queryClient = useQueryClient();
  const era = useBirthYearEra();
  const [formKey, setFormKey] = useState(0);
  const { errors, formError, pending, run } = useSubmit();
  // Child profiles are for the early-childhood and youth groups only (the API checks the same).
  const childAge = (value: string) => {
    const year = parseBirthYear(value, era);
    return year !== null && !Number.isNaN(year) && !isChildTargetGroup(targetGroupForBirthYear(year)) ? t('children.tooOld') : null;
  };

  return (
    <section className="account-section" aria-labelledby="children-add">
      <h2 id="children-add">{t('children.addTitle')}</h2>
      <Form
        key={formKey}
        className="account-form"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const displayName = String(data.get('displayName')).trim();
          const birthYear = parseBirthYear(String(data.get('birthYear')), era) as number;
          void run(async () => {
            await api.addChild(displayName, birthYear, { policyVersion: CHILD_CONSENT.policyVersion, purposes: [...CHILD_CONSENT.purposes] });
            await queryClient.invalidateQueries({ queryKey: childrenKey });
            setFormKey((key) => key + 1);
            showToast({ title: t('children.added', { name: displayName }), variant: 'success' });
          });
        }}
      >
        <TextField name="displayName" label={t('children.displayName')} isRequired validate={accountRules.displayName(t)} autoComplete="off" />
        <TextField
          name="birthYear"
          label={t(era === 'be' ? 'profile.birthYearBe' : 'profile.birthYear')}
          inputMode="numeric"
          maxLength={4}
          isRequired
          validate={(value) => accountRules.required(t)(value) ?? accountRules.birthYear(t, era)(value) ?? childAge(value)}
          autoComplete="off"
        />
        <Checkbox
          name="consent"
          value="given"
          isRequired
          validate={(selected) => (selected ? null : t('children.consentRequired'))}
          description={t('children.consentHint', { version: CHILD_CONSENT.policyVersion })}
        >
          {t('children.consent')}
        </Checkbox>
        {formError !== null && <ErrorState headingLevel={3} title={t('children.addFailed')} error={formError} />}
        <div className="account-form__actions">
          <Button type="submit" isPending={pending}>
            {t('children.add')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

export default ChildrenPage;
