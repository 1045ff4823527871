import type { ReactNode } from 'react';
import { RequireSession } from '../../auth/require-session';
import { useSession } from '../../auth/session-context';
import { hasRole } from '../../auth/session-store';
import { useDocumentTitle } from '../../app/use-document-title';
import { useLocation } from '../../routing/location';
import { Link } from '../../ui';
import { ReportBuilder } from './report-builder';
import { ReportDashboard } from './report-dashboard';
import { ReachCampaigns } from './reach-campaigns';
import { ReportPlans } from './report-plans';
import { REPORT_ROUTES, reportsScreenOf, type ReportsScreen } from './reports-common';
import { useReportsTranslation } from './reports-i18n';
import './reports.css';

/**
 * The report screens' one entry in the route table (routing/routes.tsx), one lazy chunk with their
 * strings: the dashboard and the builder for administrators and instructors (the API limits an
 * instructor to their own courses), plans and recorded reach for administrators only.
 */
export default function ReportsPage() {
  useReportsTranslation(); // the strings are in place before any screen renders
  const screen = reportsScreenOf(useLocation().pathname) ?? 'dashboard';
  const adminOnly = screen === 'plans' || screen === 'reach';
  return (
    <RequireSession roles={adminOnly ? ['admin'] : ['admin', 'instructor']}>
      <ReportsFrame screen={screen}>
        {screen === 'dashboard' && <ReportDashboard />}
        {screen === 'builder' && <ReportBuilder />}
        {screen === 'plans' && <ReportPlans />}
        {screen === 'reach' && <ReachCampaigns />}
      </ReportsFrame>
    </RequireSession>
  );
}

/** The page's one h1, its title, the links between the report screens, and an instructor's scope note. */
function ReportsFrame({ screen, children }: { screen: ReportsScreen; children: ReactNode }) {
  const { t } = useReportsTranslation();
  const session = useSession();
  const admin = hasRole(session, 'admin');
  useDocumentTitle(t(`titles.${screen}`));
  const screens: ReportsScreen[] = admin ? ['dashboard', 'builder', 'plans', 'reach'] : ['dashboard', 'builder'];
  return (
    <div className="reports-page">
      <h1>{t(`titles.${screen}`)}</h1>
      <nav aria-label={t('nav.label')} className="reports-nav">
        <ul role="list">
          {screens.map((item) => (
            <li key={item}>
              <Link href={REPORT_ROUTES[item]} aria-current={item === screen ? 'page' : undefined}>
                {t(`nav.${item}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!admin && <p className="reports-scope">{t('scope.instructor')}</p>}
      {children}
    </div>
  );
}
