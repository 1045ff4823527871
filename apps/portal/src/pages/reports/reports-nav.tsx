import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { hasRole } from '../../auth/session-store';
import { Link } from '../../routing/link';

/*
 * The header link to the report screens, for administrators and instructors (an instructor's
 * reports cover their own courses). Part of the start page, so kept light: a native link, no
 * reports strings (the label is in the shared `shell.nav` keys).
 */
export function ReportsNavItems({ current }: { current: string }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status !== 'signedIn' || !hasRole(session, 'admin', 'instructor')) return null;
  const href = '/admin/reports'; // REPORT_ROUTES.dashboard (reports-common.ts is in the lazy chunk)
  return (
    <li>
      <Link href={href} className="site-nav__link" aria-current={current === href || current.startsWith(`${href}/`) ? 'page' : undefined}>
        {t('shell.nav.reports')}
      </Link>
    </li>
  );
}
