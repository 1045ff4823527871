import type { CatalogSort } from './catalog.dto';
import { CatalogException } from './catalog.exception';

/**
 * The keyset of the last row of a page: the sort's key and the course id (the tie-breaker).
 * Opaque to clients (base64url JSON), and bound to the sort and query it was made for, so a
 * cursor reused with another sort or text is refused instead of skipping or repeating rows.
 */
export interface CatalogCursor {
  sort: CatalogSort;
  /** The normalised query for relevance cursors (the rank depends on it). */
  q: string;
  /** ISO date (newest, starting), title text (title) or rank (relevance). */
  key: string | number | null;
  id: string;
}

export function encodeCursor(cursor: CatalogCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.q, cursor.key, cursor.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(raw: string, sort: CatalogSort, q: string): CatalogCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new CatalogException('CATALOG_CURSOR_INVALID');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new CatalogException('CATALOG_CURSOR_INVALID');
  const [cursorSort, cursorQ, key, id] = parsed as unknown[];
  const keyOk = key === null || typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key));
  if (cursorSort !== sort || cursorQ !== q || !keyOk || typeof id !== 'string' || !UUID.test(id)) {
    throw new CatalogException('CATALOG_CURSOR_INVALID');
  }
  if ((sort === 'newest' || sort === 'starting') && typeof key === 'string' && key !== 'infinity' && Number.isNaN(Date.parse(key))) {
    throw new CatalogException('CATALOG_CURSOR_INVALID');
  }
  return { sort, q, key: key as CatalogCursor['key'], id };
}
