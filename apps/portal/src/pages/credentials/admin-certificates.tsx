import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { navigate, useLocation } from '../../routing/location';
import { Button, Card, EmptyState, ErrorState, LoadingState, Tab, TabList, TabPanel, Tabs, TextField } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { CredentialsPanel } from './admin-credentials';
import { TemplatesPanel } from './admin-templates';
import { credentialKeys, localizedName, type IssuerProfileDto, type LocalizedName, type TitleRuleInput } from './credentials-api';
import { CREDENTIAL_ROUTES, useCredentialsApi, useLocale } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';

const TABS = ['templates', 'issuer', 'credentials', 'titles'] as const;
type AdminTab = (typeof TABS)[number];
const parseTab = (raw: string | null): AdminTab | null => (TABS as readonly string[]).includes(raw ?? '') ? (raw as AdminTab) : null;

/**
 * `/admin/certificates`: templates, the issuer profile, issued certificates and title rules. The
 * tab is in the address (`?tab=credentials`), so the issued list's page links land on it.
 */
export function AdminCertificates() {
  const { t } = useCredentialsTranslation();
  useDocumentTitle(t('admin.title'));
  const tab = parseTab(useLocation().searchParams.get('tab')) ?? 'templates';
  return (
    <div className="credentials-page">
      <h1>{t('admin.title')}</h1>
      {/* Another tab starts without the list's search and page: only `tab` is kept. */}
      <Tabs selectedKey={tab} onSelectionChange={(key) => key !== tab && navigate(`${CREDENTIAL_ROUTES.admin}?tab=${String(key)}`, { replace: true })}>
        <TabList aria-label={t('admin.tabsLabel')}>
          <Tab id="templates">{t('admin.tabs.templates')}</Tab>
          <Tab id="issuer">{t('admin.tabs.issuer')}</Tab>
          <Tab id="credentials">{t('admin.tabs.credentials')}</Tab>
          <Tab id="titles">{t('admin.tabs.titles')}</Tab>
        </TabList>
        <TabPanel id="templates">
          <TemplatesPanel />
        </TabPanel>
        <TabPanel id="issuer">
          <IssuerPanel />
        </TabPanel>
        <TabPanel id="credentials">
          <CredentialsPanel />
        </TabPanel>
        <TabPanel id="titles">
          <TitleRulesPanel />
        </TabPanel>
      </Tabs>
    </div>
  );
}

function IssuerPanel() {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const issuer = useQuery({ queryKey: credentialKeys.issuer(), queryFn: ({ signal }) => api.issuer(signal) });
  if (issuer.isPending) return <LoadingState label={t('admin.loading')} placeholders={2} />;
  if (issuer.isError) return <ErrorState title={t('admin.loadError')} error={issuer.error} onRetry={() => void issuer.refetch()} headingLevel={3} />;
  return <IssuerForm initial={issuer.data} />;
}

/** Thai, English and Vietnamese names; Thai is required (it is what the signed credential carries). */
function LocalizedNameFields({ value, onChange, invalid }: { value: LocalizedName; onChange: (name: LocalizedName) => void; invalid?: boolean }) {
  const { t } = useCredentialsTranslation();
  return (
    <>
      <TextField label={t('admin.names.nameTh')} lang="th" isRequired value={value.th} onChange={(th) => onChange({ ...value, th })} isInvalid={invalid && !value.th.trim()} errorMessage={t('admin.templates.required')} />
      <TextField label={t('admin.names.nameEn')} lang="en" value={value.en ?? ''} onChange={(en) => onChange({ ...value, en })} />
      <TextField label={t('admin.names.nameVi')} lang="vi" value={value.vi ?? ''} onChange={(vi) => onChange({ ...value, vi })} />
    </>
  );
}

/** Empty optional names are left out rather than sent as "". */
const cleanName = (name: LocalizedName): LocalizedName => ({
  th: name.th.trim(),
  ...(name.en?.trim() ? { en: name.en.trim() } : {}),
  ...(name.vi?.trim() ? { vi: name.vi.trim() } : {}),
});

function IssuerForm({ initial }: { initial: IssuerProfileDto }) {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: initial.name, url: initial.url, email: initial.email ?? '' });
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () => api.saveIssuer({ name: cleanName(form.name), url: form.url.trim(), email: form.email.trim() || null }),
    onSuccess: (saved) => {
      queryClient.setQueryData(credentialKeys.issuer(), saved);
      showToast({ title: t('admin.saved'), variant: 'success' });
    },
    onError: () => showToast({ title: t('admin.saveError'), variant: 'error' }),
  });
  return (
    <form
      className="credentials-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (form.name.th.trim() && form.url.trim()) save.mutate();
      }}
    >
      <p>{t('admin.issuer.note')}</p>
      <fieldset className="credentials-fieldset">
        <legend>{t('admin.issuer.name')}</legend>
        <LocalizedNameFields value={form.name} onChange={(name) => setForm((f) => ({ ...f, name }))} invalid={tried} />
      </fieldset>
      <TextField label={t('admin.issuer.url')} type="url" isRequired value={form.url} onChange={(url) => setForm((f) => ({ ...f, url }))} isInvalid={tried && !form.url.trim()} errorMessage={t('admin.templates.required')} />
      <TextField label={t('admin.issuer.email')} type="email" value={form.email} onChange={(email) => setForm((f) => ({ ...f, email }))} />
      <Button type="submit" isPending={save.isPending}>
        {t('admin.issuer.save')}
      </Button>
    </form>
  );
}

const BE_OFFSET = 543;
const currentFiscalYearBE = (now = new Date()) => now.getFullYear() + BE_OFFSET + (now.getMonth() >= 9 ? 1 : 0); // Thai FY starts 1 October

function TitleRulesPanel() {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const queryClient = useQueryClient();
  const locale = useLocale();
  const rules = useQuery({ queryKey: credentialKeys.titleRules(), queryFn: ({ signal }) => api.titleRules(signal) });
  const [name, setName] = useState<LocalizedName>({ th: '' });
  const [form, setForm] = useState({ fiscalYear: String(currentFiscalYearBE()), minCompletedCourses: '1', minHours: '10' });
  const [invalid, setInvalid] = useState(false);
  const create = useMutation({
    mutationFn: (input: TitleRuleInput) => api.createTitleRule(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: credentialKeys.titleRules() });
      setName({ th: '' });
      showToast({ title: t('admin.saved'), variant: 'success' });
    },
    onError: () => showToast({ title: t('admin.saveError'), variant: 'error' }),
  });
  const award = useMutation({
    mutationFn: (id: string) => api.award(id),
    onSuccess: () => showToast({ title: t('admin.titles.awarded'), variant: 'success' }),
    onError: () => showToast({ title: t('admin.saveError'), variant: 'error' }),
  });
  const submit = () => {
    const input = { name: cleanName(name), fiscalYear: Number(form.fiscalYear), minCompletedCourses: Number(form.minCompletedCourses), minHours: Number(form.minHours), active: true };
    const ok = !!input.name.th && Number.isInteger(input.fiscalYear) && input.fiscalYear > 2500 && input.minCompletedCourses >= 0 && input.minHours >= 0;
    setInvalid(!ok);
    if (ok) create.mutate(input);
  };
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <>
      <p>{t('admin.titles.intro')}</p>
      {rules.isPending ? (
        <LoadingState label={t('admin.loading')} placeholders={1} />
      ) : rules.isError ? (
        <ErrorState title={t('admin.loadError')} error={rules.error} onRetry={() => void rules.refetch()} headingLevel={3} />
      ) : rules.data.length === 0 ? (
        <EmptyState title={t('admin.titles.empty')} headingLevel={3} />
      ) : (
        <ul className="credential-list" role="list">
          {rules.data.map((rule) => (
            <li key={rule.id}>
              <Card as="article" className="credential-card" aria-labelledby={`rule-${rule.id}`}>
                <h3 id={`rule-${rule.id}`} className="credential-card__title">
                  {localizedName(rule.name, locale)}
                </h3>
                <p className="credential-card__meta">
                  {t('admin.titles.criteria', { courses: rule.minCompletedCourses, hours: rule.minHours, year: rule.fiscalYear })} ·{' '}
                  {rule.active ? t('admin.titles.active') : t('admin.titles.inactive')}
                </p>
                {rule.active && (
                  <Button variant="secondary" isPending={award.isPending && award.variables === rule.id} onPress={() => award.mutate(rule.id)}>
                    {t('admin.titles.award')}
                  </Button>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <form
        className="credentials-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="credentials-fieldset">
          <legend>{t('admin.titles.name')}</legend>
          <LocalizedNameFields value={name} onChange={setName} />
        </fieldset>
        <TextField label={t('admin.titles.fiscalYear')} inputMode="numeric" value={form.fiscalYear} onChange={set('fiscalYear')} />
        <TextField label={t('admin.titles.minCourses')} inputMode="numeric" value={form.minCompletedCourses} onChange={set('minCompletedCourses')} />
        <TextField label={t('admin.titles.minHours')} inputMode="decimal" value={form.minHours} onChange={set('minHours')} />
        {invalid && <p role="alert">{t('admin.titles.invalid')}</p>}
        <Button type="submit" isPending={create.isPending}>
          {t('admin.titles.add')}
        </Button>
      </form>
    </>
  );
}
