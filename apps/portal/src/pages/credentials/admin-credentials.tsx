import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CREDENTIAL_ADMIN_PAGE_SIZE } from '@baanrian/contracts';
import { formatDate, formatNumber } from '../../i18n/format';
import { navigate, useLocation } from '../../routing/location';
import { Button, Card, Dialog, EmptyState, ErrorState, LoadingState, Pagination, TextField } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { credentialKeys, type AdminCredentialDto } from './credentials-api';
import { useCredentialsApi, useLocale } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';
import { ReconciliationSummary } from './reconciliation-summary';

const parsePage = (raw: string | null): number => (raw && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1);

/**
 * Issued certificates: search, pages of CREDENTIAL_ADMIN_PAGE_SIZE, and revoke with a reason
 * (published in the status list by the API). The search and the page are in the address
 * (`?tab=credentials&q=…&page=2`), so every page is a real link and survives a reload.
 */
export function CredentialsPanel() {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const locale = useLocale();
  const { pathname, searchParams } = useLocation();
  const q = searchParams.get('q')?.trim() ?? '';
  const page = parsePage(searchParams.get('page'));
  const [draft, setDraft] = useState(q);
  const [revoking, setRevoking] = useState<AdminCredentialDto | null>(null);
  const list = useQuery({ queryKey: credentialKeys.list(q, page), queryFn: ({ signal }) => api.credentials(q, page, signal), placeholderData: keepPreviousData });
  const hrefFor = (target: { q?: string; page?: number }) => {
    const params = new URLSearchParams({ tab: 'credentials' });
    const query = target.q ?? q;
    if (query) params.set('q', query);
    if ((target.page ?? 1) > 1) params.set('page', String(target.page));
    return `${pathname}?${params.toString()}`;
  };
  const pageCount = list.data ? Math.max(1, Math.ceil(list.data.total / CREDENTIAL_ADMIN_PAGE_SIZE)) : 1;
  const first = (page - 1) * CREDENTIAL_ADMIN_PAGE_SIZE + 1;

  return (
    <>
      <ReconciliationSummary />
      <form
        role="search"
        className="credentials-search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(hrefFor({ q: draft.trim(), page: 1 }));
        }}
      >
        <TextField label={t('admin.credentials.search')} type="search" value={draft} onChange={setDraft} />
        <Button type="submit" variant="secondary">
          {t('admin.credentials.searchButton')}
        </Button>
      </form>
      {list.isPending ? (
        <LoadingState label={t('admin.loading')} placeholders={3} />
      ) : list.isError ? (
        <ErrorState title={t('admin.loadError')} error={list.error} onRetry={() => void list.refetch()} headingLevel={3} />
      ) : list.data.items.length === 0 && list.data.total === 0 ? (
        <EmptyState title={t('admin.credentials.empty')} headingLevel={3} />
      ) : (
        <>
          <p role="status">
            {t('admin.credentials.count', { count: list.data.total })}
            {list.data.total > CREDENTIAL_ADMIN_PAGE_SIZE && list.data.items.length > 0 &&
              ` · ${t('admin.credentials.range', {
                from: formatNumber(Math.min(first, list.data.total), locale),
                to: formatNumber(Math.min(first + list.data.items.length - 1, list.data.total), locale),
                total: formatNumber(list.data.total, locale),
              })}`}
          </p>
          {/* Cards, not a grid: each revoke button is a plain Tab stop, at any width and text size. */}
          <ul className="credential-list" role="list">
            {list.data.items.map((credential) => (
              <li key={credential.id}>
                <Card as="article" className="credential-card" aria-labelledby={`issued-${credential.id}`}>
                  <h3 id={`issued-${credential.id}`} className="credential-card__title">
                    {credential.learnerName}
                  </h3>
                  <dl className="credential-facts credential-facts--compact">
                    <div>
                      <dt>{t('admin.credentials.achievement')}</dt>
                      <dd>{credential.achievementName}</dd>
                    </div>
                    <div>
                      <dt>{t('admin.credentials.issued')}</dt>
                      <dd>
                        {formatDate(credential.issuedAt, locale)} · <span className="credential-code">{credential.code}</span>
                      </dd>
                    </div>
                    <div>
                      <dt>{t('admin.credentials.status')}</dt>
                      <dd className={credential.revokedAt ? 'credential-status--revoked' : undefined}>
                        {credential.revokedAt ? t('admin.credentials.revokedOn', { date: formatDate(credential.revokedAt, locale) }) : t('admin.credentials.valid')}
                      </dd>
                    </div>
                  </dl>
                  {/* Named by its card (the learner's name heading); an aria-label would not contain the Thai visible text as a word. */}
                  {!credential.revokedAt && (
                    <Button variant="secondary" onPress={() => setRevoking(credential)}>
                      {t('admin.credentials.revoke')}
                    </Button>
                  )}
                </Card>
              </li>
            ))}
          </ul>
          <Pagination page={Math.min(page, pageCount)} pageCount={pageCount} hrefFor={(p) => hrefFor({ page: p })} />
        </>
      )}
      {revoking && <RevokeDialog credential={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

function RevokeDialog({ credential, onClose }: { credential: AdminCredentialDto; onClose: () => void }) {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const revoke = useMutation({
    mutationFn: () => api.revoke(credential.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: credentialKeys.admin });
      showToast({ title: t('admin.credentials.revokedToast'), variant: 'success' });
      onClose();
    },
    onError: () => showToast({ title: t('admin.saveError'), variant: 'error' }),
  });
  const submit = () => {
    setTried(true);
    if (reason.trim()) revoke.mutate();
  };
  return (
    <Dialog
      title={t('admin.credentials.revokeTitle', { name: credential.learnerName })}
      isOpen
      onOpenChange={(open) => !open && onClose()}
      actions={() => (
        <Button isPending={revoke.isPending} onPress={submit}>
          {t('admin.credentials.revokeConfirm')}
        </Button>
      )}
    >
      <p>{t('admin.credentials.revokeBody')}</p>
      <p>{credential.achievementName}</p>
      <TextField
        label={t('admin.credentials.reason')}
        multiline
        autoFocus
        isRequired
        value={reason}
        onChange={setReason}
        isInvalid={tried && !reason.trim()}
        errorMessage={t('admin.credentials.reasonRequired')}
      />
    </Dialog>
  );
}
