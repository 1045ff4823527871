import { COURSE_FORMATS, type CourseFormat } from './course';
import { isLocale, type Locale } from './locale';
import { isTargetGroup, type TargetGroup } from './target-group';

/**
 * The catalog filters a portal URL carries (`/?targetGroup=elderly&q=คอมพิวเตอร์`), read the
 * same way by the portal and by the API's server renderer, so the server renders exactly the
 * listing the browser then hydrates. Unknown or malformed values are dropped, never an error.
 */
export interface CatalogFilters {
  targetGroup?: TargetGroup;
  format?: CourseFormat;
  category?: string;
  language?: Locale;
  upcoming?: true;
  q?: string;
}

/** Filter names in the order both sides write them (URLs, API requests, cache keys). */
export const CATALOG_FILTER_KEYS = ['targetGroup', 'format', 'category', 'language', 'upcoming', 'q'] as const;

const CATEGORY_PATTERN = /^[a-z0-9-]{1,80}$/;
export const CATALOG_QUERY_MAX_LENGTH = 100;

export function parseCatalogFilters(search: URLSearchParams): CatalogFilters {
  const filters: CatalogFilters = {};
  const targetGroup = search.get('targetGroup');
  if (isTargetGroup(targetGroup)) filters.targetGroup = targetGroup;
  const format = search.get('format');
  if ((COURSE_FORMATS as readonly string[]).includes(format ?? '')) filters.format = format as CourseFormat;
  const category = search.get('category');
  if (category && CATEGORY_PATTERN.test(category)) filters.category = category;
  const language = search.get('language');
  if (isLocale(language)) filters.language = language;
  if (search.get('upcoming') === 'true') filters.upcoming = true;
  const q = search.get('q')?.trim().slice(0, CATALOG_QUERY_MAX_LENGTH);
  if (q) filters.q = q;
  return filters;
}

/** The filters as query parameters, in a fixed order (for URLs and cache keys). */
export function catalogFilterParams(filters: CatalogFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of CATALOG_FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params;
}
