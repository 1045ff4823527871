import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { formatDate, isoDate } from '../../i18n/format';
import { Button, Card, EmptyState, ErrorState, Link, LoadingState } from '../../ui';
import { showToast } from '../../ui/toast-queue';
import { credentialKeys, credentialPaths, type MyCredentialDto } from './credentials-api';
import { credentialShareUrl, linkedInUrl, useCredentialsApi, useLocale, verifyHref } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';
import { DOWNLOAD_CLASS } from './verify-screen';

/**
 * `/me/certificates`: the learner's certificates. The PDF needs the learner's token, so it is
 * fetched through the API client and handed to the browser as a blob; the badge JSON and the
 * share link are public (by verification code).
 */
export function MyCertificates() {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  useDocumentTitle(t('mine.title'));
  const mine = useQuery({
    queryKey: credentialKeys.mine(),
    queryFn: ({ signal }) => api.mine(signal),
    // A PDF still being rendered by the worker shows up without a reload.
    refetchInterval: (query) => (query.state.data?.some((c) => !c.pdfReady && !c.revokedAt) ? 30_000 : false),
  });

  return (
    <div className="credentials-page">
      <h1>{t('mine.title')}</h1>
      <p className="credentials-intro">{t('mine.intro')}</p>
      {mine.isPending ? (
        <LoadingState label={t('mine.loading')} placeholders={2} />
      ) : mine.isError ? (
        <ErrorState title={t('mine.loadError')} error={mine.error} onRetry={() => void mine.refetch()} retrying={mine.isFetching} />
      ) : mine.data.length === 0 ? (
        <EmptyState title={t('mine.emptyTitle')} action={<Link href="/learning" variant="button">{t('mine.emptyAction')}</Link>}>
          <p>{t('mine.emptyBody')}</p>
        </EmptyState>
      ) : (
        <ul className="credential-list" role="list">
          {mine.data.map((credential) => (
            <li key={credential.id}>
              <CertificateCard credential={credential} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CertificateCard({ credential }: { credential: MyCredentialDto }) {
  const { t } = useCredentialsTranslation();
  const locale = useLocale();
  const api = useCredentialsApi();
  const [opening, setOpening] = useState<'view' | 'download' | null>(null);
  const headingId = `credential-${credential.id}`;
  const url = credentialShareUrl(credential);

  const openPdf = async (mode: 'view' | 'download') => {
    setOpening(mode);
    try {
      const blob = await api.pdf(credential.id);
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      if (mode === 'download') a.download = `${credential.code}.pdf`;
      else a.target = '_blank';
      a.rel = 'noopener';
      a.click();
      // Give the browser time to start reading the blob before letting it go.
      window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
    } catch {
      showToast({ title: t('mine.pdfError'), variant: 'error' });
    } finally {
      setOpening(null);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      showToast({ title: t('mine.copied'), variant: 'success' });
    } catch {
      showToast({ title: t('mine.copyFailed', { url }), variant: 'error' });
    }
  };

  return (
    <Card as="article" className="credential-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="credential-card__title">
        {credential.achievementName}
      </h2>
      <p className="credential-card__meta">
        {credential.revokedAt ? (
          <strong className="credential-status credential-status--revoked">{t('mine.revoked', { date: formatDate(credential.revokedAt, locale) })}</strong>
        ) : (
          <time dateTime={isoDate(credential.issuedAt)}>{t('mine.issued', { date: formatDate(credential.issuedAt, locale) })}</time>
        )}
      </p>
      <p className="credential-card__meta">
        {t('mine.code')}: <span className="credential-code">{credential.code}</span>
      </p>
      {!credential.pdfReady && !credential.revokedAt && <p role="status">{t('mine.pdfPending')}</p>}
      <div className="credential-actions">
        {credential.pdfReady && (
          <>
            <Button variant="primary" isPending={opening === 'view'} onPress={() => void openPdf('view')}>
              {t('mine.viewPdf')}
            </Button>
            <Button variant="secondary" isPending={opening === 'download'} onPress={() => void openPdf('download')}>
              {t('mine.downloadPdf')}
            </Button>
          </>
        )}
        <a href={credential.links.credentialJson || credentialPaths.json(credential.code)} download={`${credential.code}.json`} className={DOWNLOAD_CLASS}>
          {t('mine.downloadJson')}
        </a>
        {!credential.revokedAt && (
          <>
            <Button variant="secondary" onPress={() => void copy()}>
              {t('mine.copyLink')}
            </Button>
            <a href={linkedInUrl(credential)} target="_blank" rel="noopener noreferrer" className={DOWNLOAD_CLASS}>
              {t('mine.linkedIn')} <span className="visually-hidden">{t('mine.newWindow')}</span>
            </a>
          </>
        )}
        <Link href={verifyHref(credential.code)}>{t('mine.verifyPage')}</Link>
      </div>
    </Card>
  );
}
