import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from './location';

// Every page is its own chunk, so adding pages does not grow the first download.
const HomePage = lazy(() => import('../pages/home/home-page'));
const SettingsPage = lazy(() => import('../pages/settings/settings-page'));
const DesignSystemPage = lazy(() => import('../pages/design-system/design-system-page'));
const NotFoundPage = lazy(() => import('../pages/not-found/not-found-page'));

/** Path → page. Paths are also the primary navigation's hrefs (see app/app-layout.tsx). */
export const ROUTES = {
  home: '/',
  settings: '/settings',
  designSystem: '/ui',
} as const;

const routes: Record<string, LazyExoticComponent<ComponentType>> = {
  [ROUTES.home]: HomePage,
  [ROUTES.settings]: SettingsPage,
  [ROUTES.designSystem]: DesignSystemPage,
};

/** The path without a trailing slash ("/ui/" is "/ui"). */
export const normalizePath = (pathname: string) => pathname.replace(/(.)\/+$/, '$1');

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('shell.pageLoading')}
    </p>
  );
}

export function RouteView() {
  const { pathname } = useLocation();
  const Page = routes[normalizePath(pathname)] ?? NotFoundPage;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
