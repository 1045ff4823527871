import { FAILED_JOB_PAGE_SIZE, FAILED_JOB_QUEUES, FAILED_JOB_STATUSES, type FailedJobQueue, type FailedJobStatus } from '@baanrian/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { RequireSession } from '../../auth/require-session';
import { currentLocale } from '../../i18n/i18n';
import { navigate, useLocation } from '../../routing/location';
import { EmptyState, ErrorState, LoadingState, Pagination, Select } from '../../ui';
import { AdminNav } from '../admin/admin-nav';
import { FailedJobCard } from './failed-job-card';
import { failedJobKeys, type FailedJobsFilter, useFailedJobsApi } from './failed-jobs-api';
import { useJobsTranslation } from './failed-jobs-i18n';
import '../accounts/accounts.css';
import '../admin/admin.css';
import './failed-jobs.css';

const ALL = 'all';

/** The filter in the address (`?queue=mail&status=all&page=2`): every view is a link that survives a reload. Open ones by default. */
export function parseFilter(searchParams: URLSearchParams): FailedJobsFilter {
  const queue = searchParams.get('queue');
  const status = searchParams.get('status');
  const page = searchParams.get('page');
  return {
    queue: (FAILED_JOB_QUEUES as readonly string[]).includes(queue ?? '') ? (queue as FailedJobQueue) : null,
    status: status === ALL ? null : (FAILED_JOB_STATUSES as readonly string[]).includes(status ?? '') ? (status as FailedJobStatus) : 'open',
    page: page && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1,
  };
}

function hrefFor(pathname: string, filter: FailedJobsFilter): string {
  const params = new URLSearchParams();
  if (filter.queue) params.set('queue', filter.queue);
  if (filter.status !== 'open') params.set('status', filter.status ?? ALL);
  if (filter.page > 1) params.set('page', String(filter.page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** `/admin/jobs`: jobs that failed for good (the worker records them), to retry or dismiss. Administrators only. */
export default function FailedJobsPage() {
  return (
    <RequireSession roles={['admin']}>
      <FailedJobsScreen />
    </RequireSession>
  );
}

function FailedJobsScreen() {
  const { t, i18n } = useJobsTranslation();
  useDocumentTitle(t('documentTitle'));
  const api = useFailedJobsApi();
  const locale = currentLocale(i18n);
  const { pathname, searchParams } = useLocation();
  const filter = parseFilter(searchParams);
  const list = useQuery({ queryKey: failedJobKeys.list(filter), queryFn: ({ signal }) => api.list(filter, signal), placeholderData: keepPreviousData, staleTime: 0 });
  const pageCount = list.data ? Math.max(1, Math.ceil(list.data.total / FAILED_JOB_PAGE_SIZE)) : 1;
  const go = (change: Partial<FailedJobsFilter>) => navigate(hrefFor(pathname, { ...filter, page: 1, ...change }));

  return (
    <div className="page account-page account-page--wide">
      <h1>{t('title')}</h1>
      <AdminNav />
      <p className="page__intro">{t('intro')}</p>
      <div className="failed-jobs__filters">
        <Select
          label={t('filter.queue')}
          selectedKey={filter.queue ?? ALL}
          onSelectionChange={(key) => go({ queue: key === ALL ? null : (String(key) as FailedJobQueue) })}
          options={[{ id: ALL, label: t('filter.allQueues') }, ...FAILED_JOB_QUEUES.map((queue) => ({ id: queue, label: t(`queues.${queue}`) }))]}
        />
        <Select
          label={t('filter.status')}
          selectedKey={filter.status ?? ALL}
          onSelectionChange={(key) => go({ status: key === ALL ? null : (String(key) as FailedJobStatus) })}
          options={[...FAILED_JOB_STATUSES.map((status) => ({ id: status, label: t(`statuses.${status}`) })), { id: ALL, label: t('filter.allStatuses') }]}
        />
      </div>
      {list.isPending ? (
        <LoadingState label={t('loading')} placeholders={3} />
      ) : list.isError ? (
        <ErrorState title={t('loadError')} error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
      ) : list.data.total === 0 ? (
        <EmptyState title={filter.status === 'open' ? t('emptyOpen') : t('empty')} />
      ) : (
        <>
          <p role="status">{t('count', { count: list.data.total })}</p>
          <ul className="failed-jobs__list" role="list">
            {list.data.items.map((failure) => (
              <li key={failure.id}>
                <FailedJobCard failure={failure} locale={locale} />
              </li>
            ))}
          </ul>
          <Pagination page={Math.min(filter.page, pageCount)} pageCount={pageCount} hrefFor={(page) => hrefFor(pathname, { ...filter, page })} />
        </>
      )}
    </div>
  );
}
