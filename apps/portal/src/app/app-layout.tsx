import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountNav, AccountNavItems, ActingAsBanner } from '../auth/account-nav';
import { CredentialsNavItems } from '../pages/credentials/credentials-nav';
import { LearningNavItems } from '../pages/learning/learning-nav';
import { ReportsNavItems } from '../pages/reports/reports-nav';
import { OfflineBanner } from '../pwa';
import { useLocation } from '../routing/location';
import { normalizePath, ROUTES } from '../routing/routes';
import { Link } from '../routing/link';
import { toastQueue } from '../ui/toast-queue';
import { LanguageSwitcher } from './language-switcher';
// The comfort button is a native button in the design system's style.
import '../ui/button.css';
import './app.css';

// Overlays load on first use: RAC's dialog and toast code stays out of the first download.
const ComfortDialog = lazy(() => import('../settings/comfort-dialog'));
const ToastRegion = lazy(() => import('../ui/toast').then((module) => ({ default: module.ToastRegion })));

const NAV_ITEMS = [
  { href: ROUTES.home, key: 'courses' },
  { href: ROUTES.settings, key: 'settings' },
  { href: ROUTES.designSystem, key: 'designSystem' },
] as const;

/** After a client-side navigation, move focus to the new page, as a full page load would. */
function useFocusMainOnNavigation(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
}

/**
 * True once any toast has been queued. The toast region (and RAC's toast code, ~20 KB) loads
 * then, not with every page: most visits never show a toast.
 */
function useToastsWanted(): boolean {
  const [wanted, setWanted] = useState(() => toastQueue.visibleToasts.length > 0);
  useEffect(() => (wanted ? undefined : toastQueue.subscribe(() => setWanted(true))), [wanted]);
  return wanted;
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = normalizePath(pathname);
  const [comfortOpen, setComfortOpen] = useState(false);
  const toastsWanted = useToastsWanted();
  useFocusMainOnNavigation(current);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipLink')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link href={ROUTES.home} className="brand">
            <span className="brand__name">
              <span lang="th">{t('brand.native')}</span> <span lang="th-Latn">{t('brand.latin')}</span>
            </span>
            <span className="brand__tagline">{t('brand.tagline')}</span>
          </Link>
          <div className="site-header__tools">
            <LanguageSwitcher />
            {/* A native button: the header stays light; the dialog it opens is loaded on demand. */}
            <button
              type="button"
              className="ui-button ui-button--secondary comfort-button"
              aria-haspopup="dialog"
              onClick={() => setComfortOpen(true)}
            >
              {t('shell.comfortButton')}
            </button>
            <AccountNav />
          </div>
          <nav className="site-nav" aria-label={t('shell.navLabel')}>
            <ul role="list">
              {NAV_ITEMS.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="site-nav__link" aria-current={current === item.href ? 'page' : undefined}>
                    {t(`shell.nav.${item.key}`)}
                  </Link>
                </li>
              ))}
              <LearningNavItems current={current} />
              <CredentialsNavItems current={current} />
              <ReportsNavItems current={current} />
              <AccountNavItems current={current} />
            </ul>
          </nav>
        </div>
      </header>
      <ActingAsBanner />
      <OfflineBanner />
      <main id="main" className="container site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('shell.footer')}</p>
        </div>
      </footer>
      {comfortOpen && (
        <Suspense fallback={null}>
          <ComfortDialog isOpen onOpenChange={setComfortOpen} />
        </Suspense>
      )}
      {toastsWanted && (
        <Suspense fallback={null}>
          <ToastRegion />
        </Suspense>
      )}
    </>
  );
}
