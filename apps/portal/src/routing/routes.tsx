import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from './location';

// Every page is its own chunk, so adding pages does not grow the first download.
const HomePage = lazy(() => import('../pages/home/home-page'));
const NotFoundPage = lazy(() => import('../pages/not-found/not-found-page'));

const routes: Record<string, LazyExoticComponent<ComponentType>> = {
  '/': HomePage,
};

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
  const Page = routes[pathname.replace(/(.)\/+$/, '$1')] ?? NotFoundPage;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}
