import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { RequireSession } from '../../auth/require-session';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { ACCOUNT_QUERY_ROOT, useAccountsApi } from '../../auth/session-context';
import { isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { useLocation, useSearchParam } from '../../routing/location';
import { Cell, Column, EmptyState, ErrorState, LoadingState, Pagination, Row, Table, TableBody, TableHeader } from '../../ui';
import { AdminNav } from './admin-nav';
import '../accounts/accounts.css';
import './admin.css';

const AUDIT_PAGE_SIZE = 50;
const parsePage = (raw: string | null): string | null => (raw && /^[1-9]\d{0,5}$/.test(raw) ? raw : null);

/** Date and time, Buddhist Era in Thai, in Thai time (the instance's users are there). */
function formatDateTime(value: string, locale: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const tag = locale === 'th' ? 'th-TH-u-ca-buddhist' : locale === 'en' ? 'en-GB' : 'vi-VN';
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(date);
}

/** Details as short "key: value" text; the audit record's shape varies by action. */
function detailsText(details: unknown): string {
  if (details == null) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');
}

type AccountsT = ReturnType<typeof useAccountsTranslation>['t'];

/** The actions the portal knows by name (apps/api writes them); any other is shown as its code. */
function actionName(t: AccountsT, action: string): string | null {
  const known: Record<string, string> = {
    'user.role.grant': t('admin.audit.actionNames.roleGrant'),
    'user.role.revoke': t('admin.audit.actionNames.roleRevoke'),
    'user.disable': t('admin.audit.actionNames.disable'),
    'user.enable': t('admin.audit.actionNames.enable'),
    'user.staff.confirm': t('admin.audit.actionNames.staffConfirm'),
  };
  return known[action] ?? null;
}

/** `/admin/audit`: what administrators did (role changes, disables, exports), newest first. */
export function AdminAuditPage() {
  return (
    <RequireSession roles={['admin']}>
      <AuditScreen />
    </RequireSession>
  );
}

function AuditScreen() {
  const { t, i18n } = useAccountsTranslation();
  useDocumentTitle(t('admin.audit.documentTitle'));
  const api = useAccountsApi();
  const locale = currentLocale(i18n);
  const { pathname } = useLocation();
  const [pageParam] = useSearchParam('page', parsePage);
  const page = Number(pageParam ?? 1);
  const query = { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE };
  const audit = useQuery({
    queryKey: [ACCOUNT_QUERY_ROOT, 'admin', 'audit', query],
    queryFn: ({ signal }) => api.audit(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const pageCount = audit.data ? Math.max(1, Math.ceil(audit.data.total / AUDIT_PAGE_SIZE)) : 1;

  return (
    <div className="page account-page account-page--wide">
      <h1>{t('admin.audit.title')}</h1>
      <AdminNav />
      <p className="page__intro">{t('admin.audit.intro')}</p>
      {audit.isPending ? (
        <LoadingState label={t('admin.audit.loading')} />
      ) : audit.isError ? (
        <ErrorState title={t('admin.audit.loadFailed')} error={audit.error} onRetry={() => void audit.refetch()} retrying={audit.isFetching} />
      ) : audit.data.items.length === 0 ? (
        <EmptyState title={t('admin.audit.none')} />
      ) : (
        <>
          <Table aria-label={t('admin.audit.tableLabel')}>
            <TableHeader>
              <Column isRowHeader>{t('admin.audit.at')}</Column>
              <Column>{t('admin.audit.actor')}</Column>
              <Column>{t('admin.audit.action')}</Column>
              <Column>{t('admin.audit.target')}</Column>
              <Column>{t('admin.audit.details')}</Column>
            </TableHeader>
            <TableBody items={audit.data.items}>
              {(entry) => (
                <Row id={entry.id}>
                  <Cell>
                    <time dateTime={isoDate(entry.at)}>{formatDateTime(entry.at, locale)}</time>
                  </Cell>
                  <Cell>{entry.actorName ?? entry.actorId ?? t('admin.audit.system')}</Cell>
                  <Cell>{actionName(t, entry.action) ?? <code>{entry.action}</code>}</Cell>
                  <Cell>{entry.targetId ?? ''}</Cell>
                  <Cell>
                    <span className="admin-details">{detailsText(entry.details)}</span>
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
          <Pagination page={Math.min(page, pageCount)} pageCount={pageCount} hrefFor={(p) => (p === 1 ? pathname : `${pathname}?page=${p}`)} />
        </>
      )}
    </div>
  );
}

export default AdminAuditPage;
