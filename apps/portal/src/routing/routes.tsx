import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_ROUTES } from '../auth/next-path';
import { useLocation } from './location';

type PageModule = { default: ComponentType };

interface Page {
  Component: ComponentType;
  /** Fetches the page's chunk; once done, the page renders without suspending. */
  load(): Promise<void>;
}

/**
 * Every page is its own chunk, so adding pages does not grow the first download. A page loaded
 * ahead with `load()` renders synchronously: the server renders the start page in one pass, and
 * the browser hydrates the same markup without a suspended boundary in between.
 */
function page(loader: () => Promise<PageModule>): Page {
  let loaded: ComponentType | undefined;
  const Lazy: LazyExoticComponent<ComponentType> = lazy(loader);
  function PageComponent() {
    const Component = loaded ?? Lazy;
    return <Component />;
  }
  return {
    Component: PageComponent,
    load: () =>
      loader().then((module) => {
        loaded = module.default;
      }),
  };
}

const HomePage = page(() => import('../pages/home/home-page'));
const SettingsPage = page(() => import('../pages/settings/settings-page'));
const DesignSystemPage = page(() => import('../pages/design-system/design-system-page'));
const NotFoundPage = page(() => import('../pages/not-found/not-found-page'));
// The shareable course page (issue 6): `/courses/{slug}`, its own chunk.
const CoursePage = page(() => import('../pages/catalog/course-page'));
// Accounts (issue 5): each screen its own chunk too, sharing one with the accounts strings.
const SignInPage = page(() => import('../pages/accounts/sign-in-page'));
const SignUpPage = page(() => import('../pages/accounts/sign-up-page'));
const ForgotPasswordPage = page(() => import('../pages/accounts/forgot-password-page'));
const ResetPasswordPage = page(() => import('../pages/accounts/reset-password-page'));
const SetupPage = page(() => import('../pages/accounts/setup-page'));
const CardPage = page(() => import('../pages/accounts/card-page'));
const AccountPage = page(() => import('../pages/accounts/account-page'));
const ChildrenPage = page(() => import('../pages/accounts/children-page'));
const AdminUsersPage = page(() => import('../pages/admin/users-page'));
const AdminAuditPage = page(() => import('../pages/admin/audit-page'));
const AssistedSignUpPage = page(() => import('../pages/admin/assisted-page'));
// Instructor studio (issue 6): one lazy chunk for its three screens; its strings load with it.
const StudioPage = page(() => import('../pages/studio/studio-page'));
// Learner quiz screens (issue 8): overview, attempt and result in one lazy chunk with their strings.
const QuizPage = page(() => import('../pages/quiz/quiz-page'));
// Quizzes in the studio (issue 8): bank, editor, settings, import, gradebook; its own chunk and strings.
const QuizStudioPage = page(() => import('../pages/quiz-studio/quiz-studio-page'));
// Learner screens (issue 7): My learning, the player, check-in and notifications in one lazy chunk.
const LearningPage = page(() => import('../pages/learning/learning-page'));
// Teaching (issue 7): a course's learners, sessions, attendance and QR check-in; one lazy chunk.
const TeachingPage = page(() => import('../pages/teaching/teaching-page'));
// Certificates (issue 9): My certificates, public verification and the admin screens; one lazy chunk.
const CredentialsPage = page(() => import('../pages/credentials/credentials-page'));
// Participation reports (issue 10): dashboard, builder, plans and recorded reach; one lazy chunk (charts in their own).
const ReportsPage = page(() => import('../pages/reports/reports-page'));
// Jobs that failed for good (issue 12): administrators retry or dismiss them; its own chunk and strings.
const FailedJobsPage = page(() => import('../pages/jobs/failed-jobs-page'));

/** Path → page. Paths are also the primary navigation's hrefs (see app/app-layout.tsx). */
export const ROUTES = {
  home: '/',
  settings: '/settings',
  designSystem: '/ui',
  ...ACCOUNT_ROUTES,
  studio: '/studio',
  studioCourse: '/studio/course',
  studioPreview: '/studio/preview',
  studioQuizzes: '/studio/quizzes',
  myLearning: '/learning',
  notifications: '/notifications',
  teachingLearners: '/studio/learners',
  teachingSessions: '/studio/sessions',
  teachingSession: '/studio/session',
  teachingCheckIn: '/studio/check-in',
  myCertificates: '/me/certificates',
  adminCertificates: '/admin/certificates',
  reports: '/admin/reports',
  reportsBuilder: '/admin/reports/builder',
  reportsPlans: '/admin/reports/plans',
  reportsReach: '/admin/reports/reach',
} as const;

const routes: Record<string, Page> = {
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
  [ROUTES.adminJobs]: FailedJobsPage,
  [ROUTES.studio]: StudioPage,
  [ROUTES.studioCourse]: StudioPage,
  [ROUTES.studioPreview]: StudioPage,
  [ROUTES.studioQuizzes]: QuizStudioPage,
  [ROUTES.myLearning]: LearningPage,
  [ROUTES.notifications]: LearningPage,
  [ROUTES.teachingLearners]: TeachingPage,
  [ROUTES.teachingSessions]: TeachingPage,
  [ROUTES.teachingSession]: TeachingPage,
  [ROUTES.teachingCheckIn]: TeachingPage,
  [ROUTES.myCertificates]: CredentialsPage,
  [ROUTES.adminCertificates]: CredentialsPage,
  [ROUTES.reports]: ReportsPage,
  [ROUTES.reportsBuilder]: ReportsPage,
  [ROUTES.reportsPlans]: ReportsPage,
  [ROUTES.reportsReach]: ReportsPage,
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

/** Paths with a parameter: prefix → page. */
const prefixRoutes: [string, Page][] = [
  ['/courses/', CoursePage],
  ['/learning/quizzes/', QuizPage],
  ['/learning/courses/', LearningPage],
  ['/check-in/', LearningPage],
  ['/verify/', CredentialsPage],
];

const pageFor = (pathname: string): Page => {
  const path = normalizePath(pathname);
  return routes[path] ?? prefixRoutes.find(([prefix]) => path.startsWith(prefix) && path.length > prefix.length)?.[1] ?? NotFoundPage;
};

/** Loads the chunk of the page at `pathname` before the first render (server rendering, hydration). */
export const preloadPage = (pathname: string): Promise<void> => pageFor(pathname).load();

export function RouteView() {
  const { pathname } = useLocation();
  const { Component } = pageFor(pathname);
  return (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
}
