import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isRole, isTargetGroup, ROLES, TARGET_GROUPS, type Role, type TargetGroup } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import type { AdminUserDto, SignInCardDto } from '../../auth/accounts-api';
import { RequireSession } from '../../auth/require-session';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { ACCOUNT_QUERY_ROOT, useAccountsApi, useSession } from '../../auth/session-context';
import { useSubmit } from '../../forms/use-submit';
import { formatDate, formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { useLocation, useSearchParam } from '../../routing/location';
import {
  Button,
  Cell,
  Checkbox,
  Column,
  Dialog,
  EmptyState,
  ErrorState,
  LoadingState,
  Pagination,
  Row,
  Select,
  Switch,
  Table,
  TableBody,
  TableHeader,
  TextField,
} from '../../ui';
import { AdminNav } from './admin-nav';
import { SignInCard } from './sign-in-card';
import '../accounts/accounts.css';
import './admin.css';

export const USERS_PAGE_SIZE = 20;
const usersKey = [ACCOUNT_QUERY_ROOT, 'admin', 'users'] as const;

const parseRole = (raw: string | null): Role | null => (isRole(raw) ? raw : null);
const parseGroup = (raw: string | null): TargetGroup | null => (isTargetGroup(raw) ? raw : null);
const parsePage = (raw: string | null): string | null => (raw && /^[1-9]\d{0,5}$/.test(raw) ? raw : null);
const parseQuery = (raw: string | null): string | null => (raw && raw.trim() ? raw : null);

/** `/admin/users`: search and filter users, grant and revoke roles, disable, confirm staff. */
export function AdminUsersPage() {
  return (
    <RequireSession roles={['admin']}>
      <UsersScreen />
    </RequireSession>
  );
}

function UsersScreen() {
  const { t, i18n } = useAccountsTranslation();
  const { t: tc } = useTranslation();
  useDocumentTitle(t('admin.users.documentTitle'));
  const api = useAccountsApi();
  const locale = currentLocale(i18n);
  const { pathname, searchParams } = useLocation();
  const [q, setQ] = useSearchParam('q', parseQuery);
  const [role, setRole] = useSearchParam('role', parseRole);
  const [group, setGroup] = useSearchParam('targetGroup', parseGroup);
  const [pageParam, setPage] = useSearchParam('page', parsePage);
  const page = Number(pageParam ?? 1);
  const [managing, setManaging] = useState<AdminUserDto | null>(null);
  const [printing, setPrinting] = useState<{ user: AdminUserDto; card: SignInCardDto } | null>(null);

  const query = { q: q ?? undefined, role: role ?? undefined, targetGroup: group ?? undefined, limit: USERS_PAGE_SIZE, offset: (page - 1) * USERS_PAGE_SIZE };
  const users = useQuery({
    queryKey: [...usersKey, query],
    queryFn: ({ signal }) => api.users(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const pageCount = users.data ? Math.max(1, Math.ceil(users.data.total / USERS_PAGE_SIZE)) : 1;
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(searchParams);
    if (p === 1) params.delete('page');
    else params.set('page', String(p));
    const search = params.toString();
    return pathname + (search ? `?${search}` : '');
  };
  // A new filter starts from page 1.
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    setPage(null);
    set(value);
  };

  if (printing) {
    // The new card replaces the list until it is printed; only the card goes on paper.
    return (
      <div className="page account-page">
        <h1 className="no-print">{t('admin.users.title')}</h1>
        <div className="no-print">
          <AdminNav />
        </div>
        <SignInCard user={printing.user} card={printing.card} focusOnMount />
        <div className="account-form__actions no-print">
          <Button onPress={() => window.print()}>{t('admin.assisted.print')}</Button>
          <Button variant="secondary" onPress={() => setPrinting(null)}>
            {t('admin.users.backToUsers')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="page account-page account-page--wide">
      <h1>{t('admin.users.title')}</h1>
      <AdminNav />
      <div className="admin-filters">
        <Form
          role="search"
          aria-label={t('admin.users.searchLabel')}
          className="admin-search"
          onSubmit={(event) => {
            event.preventDefault();
            filter(setQ)(parseQuery(String(new FormData(event.currentTarget).get('q'))));
          }}
        >
          <TextField name="q" type="search" label={t('admin.users.search')} description={t('admin.users.searchHint')} defaultValue={q ?? ''} />
          <Button type="submit" variant="secondary">
            {t('admin.users.searchSubmit')}
          </Button>
        </Form>
        <Select
          label={t('admin.users.role')}
          selectedKey={role ?? 'all'}
          onSelectionChange={(key) => filter(setRole)(parseRole(String(key)))}
          options={[{ id: 'all', label: t('admin.users.allRoles') }, ...ROLES.map((r) => ({ id: r, label: t(`roles.${r}`) }))]}
        />
        <Select
          label={t('admin.users.targetGroup')}
          selectedKey={group ?? 'all'}
          onSelectionChange={(key) => filter(setGroup)(parseGroup(String(key)))}
          options={[{ id: 'all', label: t('admin.users.allGroups') }, ...TARGET_GROUPS.map((g) => ({ id: g, label: tc(`targetGroup.${g}`) }))]}
        />
      </div>
      {users.isPending ? (
        <LoadingState label={t('admin.users.loading')} />
      ) : users.isError ? (
        <ErrorState title={t('admin.users.loadFailed')} error={users.error} onRetry={() => void users.refetch()} retrying={users.isFetching} />
      ) : users.data.items.length === 0 ? (
        <EmptyState title={t('admin.users.none')}>
          <p>{t('admin.users.noneHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p role="status">{t('admin.users.count', { count: users.data.total, formatted: formatNumber(users.data.total, locale) })}</p>
          <Table aria-label={t('admin.users.tableLabel')}>
            <TableHeader>
              <Column isRowHeader>{t('admin.users.name')}</Column>
              <Column>{t('admin.users.login')}</Column>
              <Column>{t('admin.users.roles')}</Column>
              <Column>{t('admin.users.targetGroup')}</Column>
              <Column>{t('admin.users.status')}</Column>
              <Column>{t('admin.users.lastSignIn')}</Column>
              <Column>{t('admin.users.actions')}</Column>
            </TableHeader>
            <TableBody items={users.data.items}>
              {(user) => (
                <Row id={user.id}>
                  <Cell>{user.displayName}</Cell>
                  <Cell>{user.email ?? user.accountCode}</Cell>
                  <Cell>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</Cell>
                  <Cell>{tc(`targetGroup.${user.targetGroup}`)}</Cell>
                  <Cell>{statusText(t, user)}</Cell>
                  <Cell>{user.lastSignInAt ? formatDate(user.lastSignInAt, locale) : t('admin.users.never')}</Cell>
                  <Cell>
                    <Button variant="secondary" className="admin-table-action" onPress={() => setManaging(user)} aria-label={t('admin.users.manageLabel', { name: user.displayName })}>
                      {t('admin.users.manage')}
                    </Button>
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
          <Pagination page={Math.min(page, pageCount)} pageCount={pageCount} hrefFor={hrefFor} />
        </>
      )}
      {managing && (
        <ManageUser
          key={managing.id}
          user={managing}
          onClose={() => setManaging(null)}
          onCardIssued={(issued) => {
            setManaging(null);
            setPrinting(issued);
          }}
        />
      )}
    </div>
  );
}

type AccountsT = ReturnType<typeof useAccountsTranslation>['t'];

function statusText(t: AccountsT, user: AdminUserDto): string {
  const parts = [user.disabled ? t('admin.users.disabled') : t('admin.users.active')];
  if (user.staffStatus === 'pending') parts.push(t('staffStatus.pending'));
  return parts.join(' · ');
}

/** One user's roles and status. Each change is sent at once and audited by the API. */
function ManageUser({
  user: initial,
  onClose,
  onCardIssued,
}: {
  user: AdminUserDto;
  onClose: () => void;
  onCardIssued: (issued: { user: AdminUserDto; card: SignInCardDto }) => void;
}) {
  const { t } = useAccountsTranslation();
  const api = useAccountsApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const [user, setUser] = useState(initial);
  const { formError, pending, run } = useSubmit();
  const isSelf = session.user?.id === user.id;

  const apply = (action: () => Promise<AdminUserDto>) =>
    void run(async () => {
      setUser(await action());
      await queryClient.invalidateQueries({ queryKey: usersKey });
    });

  return (
    <Dialog title={t('admin.users.manageTitle', { name: user.displayName })} isOpen onOpenChange={(open) => !open && onClose()}>
      <div className="account-form">
        <p>{user.email ?? user.accountCode}</p>
        <fieldset className="admin-roles">
          <legend>{t('admin.users.roles')}</legend>
          {ROLES.map((r) => (
            <Switch
              key={r}
              isSelected={user.roles.includes(r)}
              // Keeping your own admin role avoids locking the last administrator out (the API
              // refuses too: SELF_LOCKOUT). While a change is saving the switches are read-only, not
              // disabled, so the focused one keeps focus (and Escape still reaches the dialog).
              isDisabled={isSelf && r === 'admin'}
              isReadOnly={pending}
              onChange={(on) => apply(() => (on ? api.grantRole(user.id, r) : api.revokeRole(user.id, r)))}
            >
              {t(`roles.${r}`)}
            </Switch>
          ))}
        </fieldset>
        {isSelf && <p className="account-note">{t('admin.users.selfNote')}</p>}
        {user.staffStatus === 'pending' && (
          <div>
            <p>{t('admin.users.staffPending')}</p>
            <Button variant="secondary" isPending={pending} onPress={() => apply(() => api.confirmStaff(user.id))}>
              {t('admin.users.confirmStaff')}
            </Button>
          </div>
        )}
        <p role="status">{statusText(t, user)}</p>
        {!isSelf && (
          <div>
            <Button variant="secondary" isPending={pending} onPress={() => apply(() => (user.disabled ? api.enableUser(user.id) : api.disableUser(user.id)))}>
              {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
            </Button>
          </div>
        )}
        {formError !== null && <ErrorState headingLevel={3} title={t('admin.users.actionFailed')} error={formError} />}
        {user.email === null && <CardSection user={user} onIssued={onCardIssued} />}
      </div>
    </Dialog>
  );
}

/**
 * A lost or forgotten sign-in card (assisted accounts only, found through GET /assisted-accounts):
 * prints a new card, which kills the old one. Once the holder chose a PIN or password, the new
 * card needs it removed (their sessions end), so that takes an explicit tick.
 */
function CardSection({ user, onIssued }: { user: AdminUserDto; onIssued: (issued: { user: AdminUserDto; card: SignInCardDto }) => void }) {
  const { t, i18n } = useAccountsTranslation();
  const api = useAccountsApi();
  const locale = currentLocale(i18n);
  const [resetSecret, setResetSecret] = useState(false);
  const { formError, pending, run } = useSubmit();
  const assisted = useQuery({
    queryKey: [...usersKey, 'assisted', user.id],
    queryFn: async ({ signal }) => {
      const page = await api.assistedAccounts({ q: user.accountCode, limit: 20, offset: 0 }, signal);
      return page.items.find((item) => item.user.id === user.id) ?? null;
    },
    staleTime: 0,
  });
  if (!assisted.data) return null;
  const { secretSet, liveCardExpiresAt } = assisted.data;
  return (
    <section className="admin-card-section" aria-labelledby={`card-${user.id}`}>
      <h3 id={`card-${user.id}`}>{t('admin.users.card.title')}</h3>
      <p>
        {secretSet
          ? t('admin.users.card.secretSet')
          : liveCardExpiresAt
            ? t('admin.users.card.live', { date: formatDate(liveCardExpiresAt, locale) })
            : t('admin.users.card.none')}
      </p>
      {secretSet && (
        <Checkbox isSelected={resetSecret} onChange={setResetSecret}>
          {t('admin.users.card.resetSecret')}
        </Checkbox>
      )}
      <Button
        variant="secondary"
        isPending={pending}
        isDisabled={secretSet && !resetSecret}
        onPress={() => void run(async () => onIssued(await api.issueCard(user.id, secretSet && resetSecret)))}
      >
        {t('admin.users.card.print')}
      </Button>
      {formError !== null && <ErrorState headingLevel={3} title={t('admin.users.card.failed')} error={formError} />}
    </section>
  );
}

export default AdminUsersPage;
