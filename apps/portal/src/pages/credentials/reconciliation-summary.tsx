import { useQuery } from '@tanstack/react-query';
import { formatDate, formatNumber } from '../../i18n/format';
import { credentialKeys } from './credentials-api';
import { useCredentialsApi, useLocale } from './credentials-common';
import { useCredentialsTranslation } from './credentials-i18n';

/**
 * The nightly safety net's last report (issued, rendered, mailed what was missing), so an
 * administrator sees that it runs and whether it had to fix anything. Quiet while loading; a
 * failure to load it does not hide the list below.
 */
export function ReconciliationSummary() {
  const { t } = useCredentialsTranslation();
  const api = useCredentialsApi();
  const locale = useLocale();
  const report = useQuery({ queryKey: credentialKeys.reconciliation(), queryFn: ({ signal }) => api.reconciliation(signal) });
  if (!report.data) return null;
  const run = report.data.lastRun;
  return (
    <section className="credential-reconcile" aria-labelledby="credential-reconcile-title">
      <h3 id="credential-reconcile-title" className="credential-reconcile__title">
        {t('admin.reconcile.title')}
      </h3>
      <p className="credential-reconcile__body">
        {run
          ? t('admin.reconcile.lastRun', {
              date: formatDate(run.finishedAt, locale),
              issued: formatNumber(run.issued, locale),
              rendered: formatNumber(run.rendered, locale),
              mailed: formatNumber(run.mailed, locale),
            })
          : t('admin.reconcile.never')}
      </p>
    </section>
  );
}
