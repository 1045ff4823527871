import {
  CATALOGUE_PAGE_SIZE,
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_COOKIE,
  type Locale,
  parseCatalogFilters,
  type RenderCoursePage,
  type RenderStartPage,
  SSR_STATE_ELEMENT_ID,
  START_PAGE_RENDERER_FILE,
} from '@baanrian/contracts';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CatalogListDto, ListCatalogQueryDto } from '../catalog/catalog.dto';

type ListCatalog = (query: ListCatalogQueryDto) => Promise<CatalogListDto>;

/**
 * The portal build's server renderer for the start page (apps/portal/src/ssr), or null when the
 * build has none. Loaded from disk at run time: the API does not import portal code.
 */
export function loadStartPageRenderer(ssrDir: string): RenderStartPage | null {
  return loadRenderers(ssrDir)?.renderStartPage ?? null;
}

/** The course page's renderer, from the same server bundle. */
export function loadCoursePageRenderer(ssrDir: string): RenderCoursePage | null {
  return loadRenderers(ssrDir)?.renderCoursePage ?? null;
}

function loadRenderers(ssrDir: string): { renderStartPage?: RenderStartPage; renderCoursePage?: RenderCoursePage } | null {
  const file = path.join(ssrDir, START_PAGE_RENDERER_FILE);
  if (!existsSync(file)) return null;
  const module = createRequire(file)(file) as { renderStartPage?: unknown; renderCoursePage?: unknown };
  return {
    renderStartPage: typeof module.renderStartPage === 'function' ? (module.renderStartPage as RenderStartPage) : undefined,
    renderCoursePage: typeof module.renderCoursePage === 'function' ? (module.renderCoursePage as RenderCoursePage) : undefined,
  };
}

/** The language the learner chose in the portal (mirrored in a cookie), else the default. */
const LOCALE_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

export function localeFromCookie(header: string | undefined): Locale {
  const match = header?.match(LOCALE_COOKIE_PATTERN);
  const value = match?.[1];
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/**
 * Moves the portal's scripts behind the first paint. The server-rendered page is readable (and
 * its links work) without them, so on a slow connection the HTML, CSS and fonts should not share
 * the line with ~120 KB of JavaScript: a tiny inline loader requests the entry and its preloads
 * once the browser reports the first contentful paint as shown (paint timing), or after the next
 * frame where paint timing is missing, or after 3 s whatever happens (e.g. a background tab).
 */
export function deferScriptsToFirstPaint(html: string): string {
  const entry = html.match(/<script type="module" crossorigin src="([^"]+)"><\/script>/);
  if (!entry) return html;
  const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
  const loader =
    `<script>(function(){var done=false;function go(){if(done)return;done=true;` +
    `${JSON.stringify(preloads)}.forEach(function(h){var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';l.href=h;document.head.appendChild(l)});` +
    `var s=document.createElement('script');s.type='module';s.crossOrigin='';s.src=${JSON.stringify(entry[1])};document.head.appendChild(s)}` +
    `var P=window.PerformanceObserver;if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf('paint')>=0){` +
    `new P(function(l){if(l.getEntriesByName('first-contentful-paint').length)go()}).observe({type:'paint',buffered:true})}` +
    `else{requestAnimationFrame(function(){setTimeout(go,0)})}setTimeout(go,3000)})()</script>`;
  return html.replace(/\s*<link rel="modulepreload" crossorigin href="[^"]+">/g, '').replace(entry[0], loader);
}

/**
 * The Content-Security-Policy sources (`sha256-…`) of the inline scripts in `html`, e.g. the
 * loader above once applied to the shell: the policy allows exactly these, never 'unsafe-inline'.
 * Data blocks (`<script type="application/json">`) are never run, so they need none.
 */
export function inlineScriptHashes(html: string): string[] {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [...new Set(scripts.map((script) => `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`))];
}

/** Answers kept briefly: the catalogue changes a few times a day, while `/` is every visit's first request. */
export const CACHE_MS = 10_000;
export const CACHE_MAX = 200;

/**
 * Builds the start page's HTML: the portal's index.html with the rendered catalogue inside
 * `#root`, the state to hydrate from, the page's language and title. The catalogue comes
 * straight from the catalog service (the request the page would otherwise make after loading),
 * for the filters in the URL, read as the portal reads them (parseCatalogFilters).
 */
export class StartPageHtml {
  private readonly cache = new Map<string, { html: string; expires: number }>();

  constructor(
    private readonly template: string,
    private readonly render: RenderStartPage,
    private readonly listCatalog: ListCatalog,
  ) {}

  async html(url: string, locale: Locale): Promise<string> {
    const key = `${locale} ${url}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.html;

    const filters = parseCatalogFilters(new URL(url, 'http://portal.invalid').searchParams);
    const courses = await this.listCatalog({ ...filters, limit: CATALOGUE_PAGE_SIZE });
    const page = await this.render({ url, locale, courses });
    const html = deferScriptsToFirstPaint(this.template)
      .replace(/<html lang="[^"]*"/, `<html lang="${locale}"`)
      .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`)
      // The catalogue is in the page: the preload of its API request would only fetch it twice.
      .replace(/\s*<link rel="preload" as="fetch"[^>]*>/g, '')
      // Replacer functions: a string replacement would expand `$&`, `$'` and `$\`` typed in a course
      // title into pieces of the page (markup injection); a function's result is inserted as it is.
      .replace(
        '<div id="root"></div>',
        () => `<div id="root">${page.html}</div><script type="application/json" id="${SSR_STATE_ELEMENT_ID}">${page.state}</script>`,
      );

    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, { html, expires: now + CACHE_MS });
    return html;
  }
}
