import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { formatDate, isoDate } from '../../i18n/format';
import { Card, ErrorState, Link, LoadingState } from '../../ui';
import { credentialKeys, credentialPaths, type VerificationDto } from './credentials-api';
import { useCredentialsApi, useLocale } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';

export const DOWNLOAD_CLASS = 'ui-link ui-button ui-button--secondary';

/**
 * `/verify/{code}`: public, no sign-in. Whoever scans the QR code on a printed certificate sees
 * valid, revoked (with the date) or not found, and only what the certificate itself prints: the
 * course, the issuer, the date and the learner's name. "Not found" reads the same whether or not
 * the person exists (the API answers 404 with one shape for every unknown code).
 */
export function VerifyScreen({ code }: { code: string }) {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  useDocumentTitle(t('verify.title'));
  const verification = useQuery({
    queryKey: credentialKeys.verification(code),
    queryFn: ({ signal }) => api.verification(code, signal),
  });

  return (
    <div className="credentials-page">
      <h1>{t('verify.title')}</h1>
      {verification.isPending ? (
        <LoadingState label={t('verify.loading')} placeholders={2} />
      ) : verification.isError ? (
        <ErrorState title={t('verify.loadError')} error={verification.error} onRetry={() => void verification.refetch()} retrying={verification.isFetching} />
      ) : verification.data ? (
        <VerifiedCredential code={code} credential={verification.data} />
      ) : (
        <Card as="section" className="verify-result verify-result--unknown" aria-labelledby="verify-status">
          <h2 id="verify-status" className="verify-result__status">
            {t('verify.notFound')}
          </h2>
          <p>{t('verify.notFoundBody', { code })}</p>
          <p>
            <Link href="/">{t('verify.home')}</Link>
          </p>
        </Card>
      )}
    </div>
  );
}

function VerifiedCredential({ code, credential }: { code: string; credential: VerificationDto }) {
  const { t } = useCredentialsTranslation();
  const locale = useLocale();
  const revoked = credential.status === 'revoked';
  // `invalid`: found, but its signature no longer verifies; shown like a revoked one, without a date.
  const invalid = credential.status === 'invalid';
  const bad = revoked || invalid;
  const revokedAt = credential.revokedAt ?? null;
  return (
    <Card as="section" className={`verify-result verify-result--${bad ? 'revoked' : 'valid'}`} aria-labelledby="verify-status">
      <h2 id="verify-status" className="verify-result__status">
        <span className="verify-result__mark" aria-hidden="true">
          {bad ? '✕' : '✓'}
        </span>{' '}
        {revoked ? t('verify.revoked') : invalid ? t('verify.invalid') : t('verify.valid')}
      </h2>
      <p>
        {revoked
          ? t('verify.revokedBody', { date: revokedAt ? formatDate(revokedAt, locale) : '' })
          : invalid
            ? t('verify.invalidBody')
            : t('verify.validBody', { issuer: credential.issuerName })}
      </p>
      <dl className="credential-facts">
        <div>
          <dt>{t('verify.course')}</dt>
          <dd>{credential.achievementName}</dd>
        </div>
        <div>
          <dt>{t('verify.learner')}</dt>
          <dd>{credential.learnerName}</dd>
        </div>
        <div>
          <dt>{t('verify.issuer')}</dt>
          <dd>{credential.issuerName}</dd>
        </div>
        <div>
          <dt>{t('verify.issuedAt')}</dt>
          <dd>
            <time dateTime={isoDate(credential.issuedAt)}>{formatDate(credential.issuedAt, locale)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('verify.code')}</dt>
          <dd className="credential-code">{code}</dd>
        </div>
        {credential.serials.length > 0 && (
          <div>
            <dt>{t('verify.serials')}</dt>
            <dd>
              <ul className="credential-serials">
                {credential.serials.map((s) => (
                  <li key={s.serial}>{s.current ? t('verify.serialCurrent', { serial: s.serial }) : t('verify.serialOld', { serial: s.serial })}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <p className="credential-actions">
        {/* Native links: files from the API, not pages of the client-side router. */}
        <a href={credentialPaths.json(code)} download={`${code}.json`} className={DOWNLOAD_CLASS}>
          {t('verify.downloadJson')}
        </a>
        <a href={credentialPaths.jwt(code)} download={`${code}.jwt`} className={DOWNLOAD_CLASS}>
          {t('verify.downloadJwt')}
        </a>
      </p>
    </Card>
  );
}
