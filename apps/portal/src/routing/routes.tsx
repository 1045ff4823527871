import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_ROUTES } from '../auth/next-path';
import { useLocation } from './location';

// Every page is its own chunk, so adding pages does not grow the first download.
const HomePage = lazy(() => import('../pages/home/home-page'));
const SettingsPage = lazy(() => import('../pages/settings/settings-page'));
const DesignSystemPage = lazy(() => import('../pages/design-system/design-system-page'));
const NotFoundPage = lazy(() => import('../pages/not-found/not-found-page'));
// Accounts (issue 5): each screen its own chunk too, sharing one with the accounts strings.
const SignInPage = lazy(() => import('../pages/accounts/sign-in-page'));
const SignUpPage = lazy(() => import('../pages/accounts/sign-up-page'));
const ForgotPasswordPage = lazy(() => import('../pages/accounts/forgot-password-page'));
const ResetPasswordPage = lazy(() => import('../pages/accounts/reset-password-page'));
const SetupPage = lazy(() => import('../pages/accounts/setup-page'));
const CardPage = lazy(() => import('../pages/accounts/card-page'));
const AccountPage = lazy(() => import('../pages/accounts/account-page'));
const ChildrenPage = lazy(() => import('../pages/accounts/children-page'));
const AdminUsersPage = lazy(() => import('../pages/admin/users-page'));
const AdminAuditPage = lazy(() => import('../pages/admin/audit-page'));
const AssistedSignUpPage = lazy(() => import('../pages/admin/assisted-page'));

/** Path → page. Paths are also the primary navigation's hrefs (see app/app-layout.tsx). */
export const ROUTES = {
  home: '/',
  settings: '/settings',
  designSystem: '/ui',
  ...ACCOUNT_ROUTES,
} as const;

const routes: Record<string, LazyExoticComponent<ComponentType>> = {
  [ROUTES.home]: HomePage,
  [ROUTES.settings]: SettingsPage,
  [ROUTES.designSystem]: DesignSystemPage,
  [ROUTES.signIn]: SignInPage,
  [ROUTES.signUp]: SignUpPage,
  [ROUTES.forgotPassword]: ForgotPasswordPage,
  [ROUTES.resetPassword]: ResetPasswordPage,
  [ROUTES.setup]: SetupPage,
  [ROUTES.card]: CardPage,
  [ROUTES.account]: AccountPage,
  [ROUTES.children]: ChildrenPage,
  [ROUTES.adminUsers]: AdminUsersPage,
  [ROUTES.adminAudit]: AdminAuditPage,
  [ROUTES.adminAssisted]: AssistedSignUpPage,
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
