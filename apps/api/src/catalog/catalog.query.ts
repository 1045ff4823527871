import { decodeCursor } from './catalog.cursor';
import type { CatalogSort, ListCatalogQueryDto } from './catalog.dto';
import { searchTerms } from './search-text';

/**
 * Each sort as an SQL key, its direction and the type its cursor value is cast back to. The
 * course id breaks ties in the same direction, so `(key, id) < / > (cursor)` is one row
 * comparison. Keys come back as text (`::text`), so timestamps keep their microseconds.
 */
const SORTS: Record<CatalogSort, { key: string; desc: boolean; cast: string }> = {
  newest: { key: 'e.published_at', desc: true, cast: 'timestamptz' },
  starting: { key: `coalesce(e.starts_at, 'infinity'::timestamptz)`, desc: false, cast: 'timestamptz' },
  title: { key: `lower(coalesce(e.title->>e.language, e.title->>'th', ''))`, desc: false, cast: 'text' },
  // Built per query by relevanceKey (it needs the query's parameters).
  relevance: { key: '', desc: true, cast: 'real' },
};

/**
 * Relevance, cheap enough for a search that matches hundreds of courses: the whole query as one
 * phrase counts most; then how early the first word occurs, and search_text starts with the
 * titles, so a match in a title ranks above one in a summary. (word_similarity() ranked well
 * but costs a trigram extraction of every matching row's text: ~130 ms for 750 Thai matches.)
 */
const relevanceKey = (phrase: string, first: string) =>
  `((CASE WHEN e.search_text LIKE ${phrase} THEN 2 ELSE 0 END) + 1.0 / (1 + strpos(e.search_text, ${first}::text)))::real`;

export const SUMMARY_COLUMNS = `e.course_id, e.slug, e.version, e.title, e.summary, e.language, e.target_groups, e.format,
  e.category_slug, e.tags, e.cover_media_id, e.starts_at, e.ends_at, e.enrollment_closes_at, e.fiscal_year,
  e.learning_hours, e.published_at, e.updated_at`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface CatalogQuery {
  sql: string;
  params: unknown[];
  sort: CatalogSort;
  /** The normalised free text ('' when none): relevance cursors are bound to it. */
  normalized: string;
  searching: boolean;
  limit: number;
}

/**
 * One listing as one SQL statement on `catalog_entry`: filters, free text, the keyset condition
 * and one row more than the page (to know whether there is a next page). Pure, so the scale
 * spec can EXPLAIN exactly what the service runs.
 */
export function buildCatalogQuery(query: ListCatalogQueryDto): CatalogQuery {
  const limit = query.limit ?? 20;
  const terms = query.q ? searchTerms(query.q) : null;
  const normalized = terms?.normalized ?? '';
  const searching = normalized !== '';
  const sortName: CatalogSort = query.sort === 'relevance' && !searching ? 'newest' : (query.sort ?? (searching ? 'relevance' : 'newest'));

  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const sort = { ...SORTS[sortName] };
  if (sortName === 'relevance' && terms) {
    sort.key = relevanceKey(param(`%${escapeLike(normalized)}%`), param(terms.substrings[0] ?? terms.prefixes[0] ?? normalized));
  }

  const where: string[] = [];
  // `@>` rather than `= ANY(...)`: only containment uses the GIN index on target_groups.
  if (query.targetGroup) where.push(`e.target_groups @> ARRAY[${param(query.targetGroup)}]::text[]`);
  if (query.format) where.push(`e.format = ${param(query.format)}`);
  if (query.category) where.push(`e.category_slug = ${param(query.category)}`);
  if (query.language) where.push(`e.language = ${param(query.language)}`);
  if (query.fiscalYear) where.push(`e.fiscal_year = ${param(query.fiscalYear)}`);
  if (query.upcoming === true) where.push('e.starts_at >= now()');
  if (terms && searching) {
    // Substrings use the trigram index (Thai included: pg_trgm on a C.UTF-8 database).
    for (const term of terms.substrings) where.push(`e.search_text LIKE ${param(`%${escapeLike(term)}%`)}`);
    // Too short for trigrams: a word start, i.e. the text's start or after a space (Thai words
    // are spaced in the segmented half of search_text). Both patterns still use the index.
    for (const term of terms.prefixes) {
      const t = escapeLike(term);
      where.push(`(e.search_text LIKE ${param(`${t}%`)} OR e.search_text LIKE ${param(`% ${t}%`)})`);
    }
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, sortName, normalized);
    where.push(`(${sort.key}, e.course_id) ${sort.desc ? '<' : '>'} (${param(cursor.key)}::${sort.cast}, ${param(cursor.id)}::uuid)`);
  }
  const direction = sort.desc ? 'DESC' : 'ASC';
  const sql = `SELECT ${SUMMARY_COLUMNS}, (${sort.key})::text AS sort_key
     FROM catalog_entry e
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${sort.key} ${direction}, e.course_id ${direction}
    LIMIT ${param(limit + 1)}`;
  return { sql, params, sort: sortName, normalized, searching, limit };
}
