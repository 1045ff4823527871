import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { CONSENT_POLICY_VERSION, CONSENT_PURPOSES, isLocale, type ConsentPurpose } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { DELETE_ACCOUNT_CONFIRMATION, type ConsentDto, type MeDto, type ProfilePatch } from '../../auth/accounts-api';
import { ACCOUNT_ROUTES } from '../../auth/next-path';
import { RequireSession } from '../../auth/require-session';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { ACCOUNT_QUERY_ROOT, useAccountsApi, useSession, useSessionStore } from '../../auth/session-context';
import { hasRole } from '../../auth/session-store';
import { accountRules } from '../../forms/rules';
import { useSubmit } from '../../forms/use-submit';
import { formatDate, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { navigate } from '../../routing/location';
import { Button, Card, Dialog, DialogTrigger, EmptyState, ErrorState, Link, LoadingState, Select, showToast, TextField } from '../../ui';
import { ProfileFields, readProfile, useProfileDraft } from './profile-fields';
import './accounts.css';

/** `/account`: profile and language, consents, "download my data" and "delete my account". */
export function AccountPage() {
  return (
    <RequireSession>
      <AccountScreen />
    </RequireSession>
  );
}

function AccountScreen() {
  const { t } = useAccountsTranslation();
  useDocumentTitle(t('account.documentTitle'));
  const session = useSession();
  const user = session.user as MeDto;

  return (
    <div className="page account-page">
      <h1>{t('account.title')}</h1>
      <Facts user={user} />
      <ProfileSection user={user} />
      <nav aria-label={t('account.moreLabel')}>
        <ul className="account-links">
          {!user.isChild && (
            <li>
              <Link href={ACCOUNT_ROUTES.children}>{t('account.children')}</Link>
            </li>
          )}
          {hasRole(session, 'admin') && (
            <>
              <li>
                <Link href={ACCOUNT_ROUTES.adminUsers}>{t('admin.users.title')}</Link>
              </li>
              <li>
                <Link href={ACCOUNT_ROUTES.adminAudit}>{t('admin.audit.title')}</Link>
              </li>
              <li>
                <Link href={ACCOUNT_ROUTES.adminJobs}>{t('admin.jobs.title')}</Link>
              </li>
            </>
          )}
          {hasRole(session, 'admin', 'instructor') && (
            <li>
              <Link href={ACCOUNT_ROUTES.adminAssisted}>{t('admin.assisted.title')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {!user.isChild && (
        <>
          <ConsentsSection />
          <ExportSection />
          <DeleteSection />
        </>
      )}
    </div>
  );
}

function Facts({ user }: { user: MeDto }) {
  const { t } = useAccountsTranslation();
  return (
    <dl className="account-facts">
      <dt>{t('account.accountCode')}</dt>
      <dd>{user.accountCode}</dd>
      {user.email && (
        <>
          <dt>{t('account.email')}</dt>
          <dd>{user.email}</dd>
        </>
      )}
      <dt>{t('account.roles')}</dt>
      <dd>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
      {user.staffStatus !== 'none' && (
        <>
          <dt>{t('account.staffStatus')}</dt>
          <dd>{t(`staffStatus.${user.staffStatus}`)}</dd>
        </>
      )}
    </dl>
  );
}

/** Only what changed goes to PATCH /me; a cleared field is sent as null. */
function profilePatch(user: MeDto, form: ReturnType<typeof readProfile>, targetGroupChosen: boolean): ProfilePatch {
  const patch: ProfilePatch = {};
  if (form.displayName !== user.displayName) patch.displayName = form.displayName;
  if (form.preferredLocale !== user.preferredLocale) patch.preferredLocale = form.preferredLocale;
  if ((form.birthYear ?? null) !== user.birthYear) patch.birthYear = form.birthYear ?? null;
  for (const field of ['phone', 'province', 'district'] as const) {
    if ((form[field] ?? null) !== user[field]) patch[field] = form[field] ?? null;
  }
  if (targetGroupChosen && form.targetGroup && form.targetGroup !== user.targetGroup) patch.targetGroup = form.targetGroup;
  return patch;
}

function ProfileSection({ user }: { user: MeDto }) {
  const { t, i18n } = useAccountsTranslation();
  const api = useAccountsApi();
  const store = useSessionStore();
  const draft = useProfileDraft({ birthYear: user.birthYear, targetGroup: user.targetGroup, chosen: user.targetGroupSource === 'learner' });
  const { errors, formError, pending, run } = useSubmit();

  return (
    <section className="account-section" aria-labelledby="account-profile">
      <h2 id="account-profile">{t('account.profile')}</h2>
      <Form
        className="account-form"
        validationErrors={errors}
        onSubmit={(event) => {
          event.preventDefault();
          const patch = profilePatch(user, readProfile(new FormData(event.currentTarget), draft), draft.targetGroupChosen);
          void run(async () => {
            const updated = Object.keys(patch).length ? await api.updateMe(patch) : user;
            store.setUser(updated);
            if (isLocale(updated.preferredLocale) && updated.preferredLocale !== currentLocale(i18n)) {
              await i18n.changeLanguage(updated.preferredLocale);
            }
            showToast({ title: t('account.saved'), variant: 'success' });
          });
        }}
      >
        <ProfileFields draft={draft} defaults={user} />
        {formError !== null && <ErrorState title={t('account.saveFailed')} error={formError} />}
        <div className="account-form__actions">
          <Button type="submit" isPending={pending}>
            {t('account.save')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function ConsentsSection() {
  const { t, i18n } = useAccountsTranslation();
  const api = useAccountsApi();
  const queryClient = useQueryClient();
  const consents = useQuery({ queryKey: [ACCOUNT_QUERY_ROOT, 'consents'], queryFn: () => api.consents() });
  const locale = currentLocale(i18n);

  return (
    <section className="account-section" aria-labelledby="account-consents">
      <h2 id="account-consents">{t('consents.title')}</h2>
      <p className="account-note">{t('consents.intro')}</p>
      {consents.isPending ? (
        <LoadingState label={t('consents.loading')} />
      ) : consents.isError ? (
        <ErrorState headingLevel={3} title={t('consents.loadFailed')} error={consents.error} onRetry={() => void consents.refetch()} retrying={consents.isFetching} />
      ) : consents.data.length === 0 ? (
        <EmptyState headingLevel={3} title={t('consents.none')} />
      ) : (
        <ul className="account-list">
          {consents.data.map((consent) => (
            <li key={consent.id}>
              <Card as="article" aria-labelledby={`consent-${consent.id}`}>
                <h3 id={`consent-${consent.id}`}>{purposeLabel(t, consent.purpose)}</h3>
                <p>{t('consents.policy', { version: consent.policyVersion })}</p>
                <p>
                  {t('consents.given')} <time dateTime={isoDate(consent.givenAt)}>{formatDate(consent.givenAt, locale)}</time>
                </p>
                {consent.withdrawnAt ? (
                  <p>
                    {t('consents.withdrawn')} <time dateTime={isoDate(consent.withdrawnAt)}>{formatDate(consent.withdrawnAt, locale)}</time>
                  </p>
                ) : (
                  <WithdrawConsent consent={consent} onDone={() => void queryClient.invalidateQueries({ queryKey: [ACCOUNT_QUERY_ROOT, 'consents'] })} />
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <GiveConsentForm onDone={() => void queryClient.invalidateQueries({ queryKey: [ACCOUNT_QUERY_ROOT] })} />
    </section>
  );
}

/**
 * Gives a consent under the current policy version, about oneself or one of one's children (a
 * guardian consenting again, e.g. after withdrawing a child's learning consent).
 */
function GiveConsentForm({ onDone }: { onDone: () => void }) {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const children = useQuery({ queryKey: [ACCOUNT_QUERY_ROOT, 'children'], queryFn: () => api.children() });
  const [purpose, setPurpose] = useState<ConsentPurpose>('communications');
  const [subject, setSubject] = useState('self');
  const { formError, pending, run } = useSubmit();
  const subjects = [{ id: 'self', label: t('consents.give.self') }, ...(children.data ?? []).map((child) => ({ id: child.id, label: child.displayName }))];
  return (
    <Form
      className="account-form account-subsection"
      aria-labelledby="give-consent-title"
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await api.giveConsent({ purpose, policyVersion: CONSENT_POLICY_VERSION, ...(subject === 'self' ? {} : { subjectId: subject }) });
          onDone();
          showToast({ title: t('consents.give.done'), variant: 'success' });
        });
      }}
    >
      <h3 id="give-consent-title">{t('consents.give.title')}</h3>
      <p className="account-note">{t('consents.give.policy', { version: CONSENT_POLICY_VERSION })}</p>
      <Select
        label={t('consents.give.purpose')}
        selectedKey={purpose}
        onSelectionChange={(key) => setPurpose(String(key) as ConsentPurpose)}
        options={CONSENT_PURPOSES.map((p) => ({ id: p, label: purposeLabel(t, p) }))}
      />
      {subjects.length > 1 && (
        <Select label={t('consents.give.subject')} selectedKey={subject} onSelectionChange={(key) => setSubject(String(key))} options={subjects} />
      )}
      {formError !== null && <ErrorState headingLevel={3} title={t('consents.give.failed')} error={formError} />}
      <div className="account-form__actions">
        <Button type="submit" isPending={pending}>
          {t('consents.give.submit')}
        </Button>
      </div>
    </Form>
  );
}

type AccountsT = ReturnType<typeof useAccountsTranslation>['t'];

/** Purposes the portal knows by name; any other is shown as the API sent it. */
function purposeLabel(t: AccountsT, purpose: string): string {
  const known: Record<string, string> = {
    learning: t('consents.purpose.learning'),
    participation_reports: t('consents.purpose.participation_reports'),
    communications: t('consents.purpose.communications'),
  };
  return known[purpose] ?? purpose;
}

function WithdrawConsent({ consent, onDone }: { consent: ConsentDto; onDone: () => void }) {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const { formError, pending, run } = useSubmit();
  return (
    <DialogTrigger>
      <Button variant="secondary">{t('consents.withdraw')}</Button>
      <Dialog
        title={t('consents.withdrawTitle')}
        actions={(close) => (
          <Button
            isPending={pending}
            onPress={() =>
              void run(async () => {
                await api.withdrawConsent(consent.id);
                close();
                onDone();
                showToast({ title: t('consents.withdrawnToast'), variant: 'success' });
              })
            }
          >
            {t('consents.withdraw')}
          </Button>
        )}
      >
        <p>{t('consents.withdrawBody', { purpose: purposeLabel(t, consent.purpose) })}</p>
        {formError !== null && <ErrorState headingLevel={3} title={t('consents.withdrawFailed')} error={formError} />}
      </Dialog>
    </DialogTrigger>
  );
}

function ExportSection() {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const { formError, pending, run } = useSubmit();
  const download = () =>
    void run(async () => {
      const { blob, fileName } = await api.exportMyData();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName ?? 'baanrian-my-data.json';
      document.body.append(link);
      link.click();
      link.remove();
      // Give the browser a moment to start the download before letting go of the data.
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  return (
    <section className="account-section" aria-labelledby="account-export">
      <h2 id="account-export">{t('export.title')}</h2>
      <p className="account-note">{t('export.intro')}</p>
      {formError !== null && <ErrorState headingLevel={3} title={t('export.failed')} error={formError} />}
      <div>
        <Button variant="secondary" isPending={pending} onPress={download}>
          {t('export.download')}
        </Button>
      </div>
    </section>
  );
}

function DeleteSection() {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const store = useSessionStore();
  const [open, setOpen] = useState(false);
  const { errors, formError, pending, run } = useSubmit();
  const word = t('delete.word');

  return (
    <section className="account-section account-danger" aria-labelledby="account-delete">
      <h2 id="account-delete">{t('delete.title')}</h2>
      <p className="account-note">{t('delete.intro')}</p>
      <div>
        <Button variant="secondary" onPress={() => setOpen(true)}>
          {t('delete.open')}
        </Button>
      </div>
      <Dialog title={t('delete.confirmTitle')} isOpen={open} onOpenChange={setOpen}>
        <Form
          className="account-form"
          validationErrors={errors}
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              // The typed word is the learner's own language; the API's guard word is fixed.
              await api.deleteMe(DELETE_ACCOUNT_CONFIRMATION);
              setOpen(false);
              store.clear();
              navigate('/');
              showToast({ title: t('delete.done'), variant: 'success' });
            });
          }}
        >
          <p>{t('delete.consequences')}</p>
          <TextField
            name="confirmation"
            label={t('delete.confirmLabel', { word })}
            isRequired
            validate={accountRules.matches(t, word)}
            autoComplete="off"
          />
          {formError !== null && <ErrorState headingLevel={3} title={t('delete.failed')} error={formError} />}
          <div>
            <Button type="submit" isPending={pending}>
              {t('delete.submit')}
            </Button>
          </div>
        </Form>
      </Dialog>
    </section>
  );
}

export default AccountPage;
