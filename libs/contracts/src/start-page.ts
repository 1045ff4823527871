import type { Locale } from './locale';

/**
 * Server rendering of the start page (the catalogue). The portal's build emits a renderer
 * (apps/portal/src/ssr); the API, which serves the portal, loads it from disk and calls it for
 * `GET /`, so the first paint shows courses before any JavaScript has run. These types are the
 * only thing the two share: the API never imports portal code.
 */
export interface StartPageRenderInput {
  /** Path and query of the request, e.g. `/?targetGroup=elderly`. */
  url: string;
  locale: Locale;
  /** The body `GET /api/v1/catalog?…&limit=50` returns for this URL's filters (parseCatalogFilters). */
  courses: unknown;
}

/** Server rendering of a shareable course page, `/courses/{slug}`. */
export interface CoursePageRenderInput {
  url: string;
  locale: Locale;
  /** The body of `GET /api/v1/catalog/{slug}`. */
  course: unknown;
}

export interface StartPageRender {
  /** Markup for inside `<div id="root">`. */
  html: string;
  /** The document title the page sets. */
  title: string;
  /** JSON for the state element: what the browser needs to hydrate without refetching. */
  state: string;
}

export type RenderStartPage = (input: StartPageRenderInput) => Promise<StartPageRender>;
export type RenderCoursePage = (input: CoursePageRenderInput) => Promise<StartPageRender>;

/** The id of the `<script type="application/json">` element carrying `StartPageRender.state`. */
export const SSR_STATE_ELEMENT_ID = 'baanrian-ssr-state';

/** The cookie mirroring the learner's language choice, so the server renders in it. */
export const LOCALE_COOKIE = 'baanrian_locale';

/** The renderer's file, relative to the portal's server build folder. */
export const START_PAGE_RENDERER_FILE = 'start-page.cjs';

/** Courses on the catalogue's first page: what the portal asks for and the server renders. */
export const CATALOGUE_PAGE_SIZE = 50;
