import { dehydrate } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { createApiClient, type CatalogCoursePage, type CatalogList } from '@baanrian/api-client';
import {
  type CoursePageRenderInput,
  type Locale,
  parseCatalogFilters,
  pickText,
  type RenderCoursePage,
  type RenderStartPage,
  type StartPageRenderInput,
} from '@baanrian/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { courseKeys } from '../api/courses';
import { createAccountsApi } from '../auth/accounts-api';
import { SessionStore } from '../auth/session-store';
import { createQueryClient } from '../api/query-client';
import App from '../app/app';
import type { AppDependencies } from '../app/dependencies';
import { AppProviders } from '../app/providers';
import { documentTitle } from '../app/use-document-title';
import { createI18n } from '../i18n/i18n';
import { setServerLocation } from '../routing/location';
import { preloadPage } from '../routing/routes';
import { createComfortSettingsStore } from '../settings/comfort-settings';
import type { SsrState } from './ssr-state';

/** Comfort settings live in the learner's browser; the server renders the defaults onto nothing. */
const detachedDocument = { documentElement: { style: {}, dataset: {} } } as unknown as Document;

/** One translation instance per language for the server's lifetime: rendering only reads them. */
const translations = new Map<Locale, I18n>();
const i18nFor = (locale: Locale): I18n => {
  let i18n = translations.get(locale);
  if (!i18n) translations.set(locale, (i18n = createI18n(locale)));
  return i18n;
};

/**
 * The server renderer of the start page, built into its own bundle (`vite build --ssr`) and
 * called by the API for `GET /`. It renders exactly what the browser's first render produces
 * for the same URL, language and catalogue data, so the browser hydrates instead of repainting.
 */
export const renderStartPage: RenderStartPage = async ({ url, locale, courses }: StartPageRenderInput) => {
  const { searchParams } = new URL(url, 'http://portal.invalid');
  const queryClient = createQueryClient();
  // The first page of the listing the URL's filters ask for, as "show more" pages it.
  queryClient.setQueryData(courseKeys.list(parseCatalogFilters(searchParams)), { pages: [courses as CatalogList], pageParams: [null] });
  const { html, state, i18n } = await renderPage(url, locale, queryClient);
  return { html, state, title: documentTitle(i18n.t, i18n.t('home.documentTitle')) };
};

/** The shareable course page, `/courses/{slug}`, with the course already in the query cache. */
export const renderCoursePage: RenderCoursePage = async ({ url, locale, course }: CoursePageRenderInput) => {
  const page = course as CatalogCoursePage;
  const queryClient = createQueryClient();
  queryClient.setQueryData(courseKeys.page(page.slug), page);
  const { html, state, i18n } = await renderPage(url, locale, queryClient);
  return { html, state, title: documentTitle(i18n.t, pickText(page.title, locale)) };
};

async function renderPage(url: string, locale: Locale, queryClient: QueryClient): Promise<{ html: string; state: string; i18n: I18n }> {
  const { pathname } = new URL(url, 'http://portal.invalid');
  await preloadPage(pathname);

  const i18n = i18nFor(locale);
  // Never called: the catalogue is already in the query cache, and the session starts in the
  // browser (the server renders the signed-out header the browser's first render also shows).
  const accountsApi = createAccountsApi({ baseUrl: 'http://ssr.invalid' });
  const dependencies: AppDependencies = {
    i18n,
    apiClient: createApiClient({ baseUrl: 'http://ssr.invalid' }),
    queryClient,
    comfort: createComfortSettingsStore(null, detachedDocument),
    accountsApi,
    session: new SessionStore(accountsApi, { storage: null, channel: null, lock: (_name, task) => task() }),
  };
  // Set right before the synchronous render, never across an await: the API renders several
  // requests at once, and the location is one module-wide value.
  setServerLocation(url);
  const html = renderToString(
    <AppProviders dependencies={dependencies}>
      <App />
    </AppProviders>,
  );
  const state: SsrState = { locale, url, queries: dehydrate(queryClient) };
  queryClient.clear(); // Drops the cache's garbage-collection timers, which would keep it alive.
  // `<` escaped, so no string in the data can close the script element.
  return { html, i18n, state: JSON.stringify(state).replace(/</g, '\\u003c') };
}
