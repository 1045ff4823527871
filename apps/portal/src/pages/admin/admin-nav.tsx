import { ACCOUNT_ROUTES } from '../../auth/next-path';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { useSession } from '../../auth/session-context';
import { hasRole } from '../../auth/session-store';
import { normalizePath } from '../../routing/routes';
import { useLocation } from '../../routing/location';
import { Link } from '../../ui';

/** Links between the administration pages, the current one marked. */
export function AdminNav() {
  const { t } = useAccountsTranslation();
  const session = useSession();
  const current = normalizePath(useLocation().pathname);
  const items = [
    ...(hasRole(session, 'admin')
      ? [
          { href: ACCOUNT_ROUTES.adminUsers, label: t('admin.users.title') },
          { href: ACCOUNT_ROUTES.adminAudit, label: t('admin.audit.title') },
          { href: ACCOUNT_ROUTES.adminJobs, label: t('admin.jobs.title') },
        ]
      : []),
    { href: ACCOUNT_ROUTES.adminAssisted, label: t('admin.assisted.title') },
  ];
  return (
    <nav aria-label={t('admin.navLabel')} className="admin-nav">
      <ul role="list">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={current === item.href ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
