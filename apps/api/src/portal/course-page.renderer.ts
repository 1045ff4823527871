import { type Locale, pickText, type RenderCoursePage, SSR_STATE_ELEMENT_ID } from '@baanrian/contracts';
import type { CatalogCoursePageDto } from '../catalog/catalog.dto';
import { markdownToPlainText } from '../courses/markdown.renderer';
import { CACHE_MAX, CACHE_MS, deferScriptsToFirstPaint, escapeHtml } from './start-page.renderer';

/** Open Graph wants a territory with the language. */
const OG_LOCALE: Record<Locale, string> = { th: 'th_TH', en: 'en_US', vi: 'vi_VN' };
const DESCRIPTION_MAX = 200;

/** Cut at a word (or, in Thai, a character) boundary near `max`, with an ellipsis. */
function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The `<title>`, description and link-card tags of a course page, every value escaped for an attribute. */
export function courseShareTags(course: CatalogCoursePageDto, locale: Locale, publicUrl: string): { title: string; head: string } {
  const title = pickText(course.title, locale);
  const summary = pickText(course.summary, locale);
  const description = clip(summary || markdownToPlainText(pickText(course.description, locale)), DESCRIPTION_MAX);
  const url = `${publicUrl}/courses/${encodeURIComponent(course.slug)}`;
  const image = course.coverImageUrl ? `${publicUrl}${course.coverImageUrl}` : null;
  const meta = (attr: 'name' | 'property', key: string, value: string) => `<meta ${attr}="${key}" content="${escapeHtml(value)}">`;
  const tags = [
    meta('name', 'description', description),
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    meta('property', 'og:type', 'website'),
    meta('property', 'og:site_name', 'Baanrian'),
    meta('property', 'og:title', title),
    meta('property', 'og:description', description),
    meta('property', 'og:url', url),
    meta('property', 'og:locale', OG_LOCALE[locale]),
    ...(image ? [meta('property', 'og:image', image), meta('property', 'og:image:alt', title)] : []),
    meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', description),
    ...(image ? [meta('name', 'twitter:image', image)] : []),
  ];
  return { title, head: tags.join('\n    ') };
}

/**
 * The shareable course page `/courses/{slug}` as HTML: readable without JavaScript (crawlers,
 * link previews, slow phones), with the card tags in the head, then hydrated by the portal.
 */
export class CoursePageHtml {
  private readonly cache = new Map<string, { html: string; expires: number }>();

  constructor(
    private readonly template: string,
    private readonly render: RenderCoursePage,
    private readonly publicUrl: string,
  ) {}

  async html(url: string, locale: Locale, course: CatalogCoursePageDto): Promise<string> {
    const key = `${locale} ${url} ${course.version}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.html;

    const page = await this.render({ url, locale, course });
    const share = courseShareTags(course, locale, this.publicUrl);
    const html = deferScriptsToFirstPaint(this.template)
      .replace(/<html lang="[^"]*"/, `<html lang="${locale}"`)
      .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>\n    ${share.head}`)
      // The start page's catalogue preload is of no use here.
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
