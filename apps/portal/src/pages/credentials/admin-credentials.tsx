import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDate } from '../../i18n/format';
import { Button, Card, Dialog, EmptyState, ErrorState, LoadingState, TextField } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { credentialKeys, type AdminCredentialDto } from './credentials-api';
import { useCredentialsApi, useLocale } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';

/** Issued certificates: search, and revoke with a reason (published in the status list by the API). */
export function CredentialsPanel() {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const locale = useLocale();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [revoking, setRevoking] = useState<AdminCredentialDto | null>(null);
  const list = useQuery({ queryKey: credentialKeys.list(q), queryFn: ({ signal }) => api.credentials(q, signal) });

  return (
    <>
      <form
        role="search"
        className="credentials-search"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(draft.trim());
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
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('admin.credentials.empty')} headingLevel={3} />
      ) : (
        <>
          <p role="status">{t('admin.credentials.count', { count: list.data.total ?? list.data.items.length })}</p>
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
