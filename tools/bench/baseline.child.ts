/**
 * The physical limits the catalog is compared with, as one plain `node:http` server (pinned to
 * the API's core by the harness): `/static` answers the captured catalog bytes from memory, as a
 * static file server with a warm page cache would; `/sql/list` and `/sql/search` run the same SQL
 * as the API with `pg` and nothing else (no framework, no validation, no ORM).
 *
 * Env: PORT, DATABASE_URL, STATIC_FILE. Prints "ready" once listening.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { normalizeSearchText } from '../../apps/api/src/catalog/search-text';

const env = process.env;
if (!env.STATIC_FILE || !env.DATABASE_URL || !env.PORT) throw new Error('baseline server: PORT, DATABASE_URL and STATIC_FILE are required');
const body = readFileSync(env.STATIC_FILE);
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });

/**
 * What `GET /api/v1/courses?limit=20` runs today (TypeORM's getManyAndCount: page and count).
 * When the catalog list lands (`GET /api/v1/catalog`), switch this to its keyset query on
 * catalog_entry together with CATALOG_LIST_PATH in groups/courses.group.ts.
 */
async function list(): Promise<unknown> {
  const [page, count] = await Promise.all([
    pool.query(`SELECT id, slug, title, summary, language, target_groups, format, published_at FROM course
                WHERE status = 'published' ORDER BY published_at DESC, slug ASC LIMIT 20`),
    pool.query(`SELECT count(*)::int AS total FROM course WHERE status = 'published'`),
  ]);
  return {
    items: page.rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, summary: r.summary, language: r.language, targetGroups: r.target_groups, format: r.format, publishedAt: r.published_at?.toISOString() ?? null })),
    total: count.rows[0].total,
    limit: 20,
    offset: 0,
  };
}

/** The catalog contract's free-text search: trigram ILIKE on the normalised search text, newest first. */
async function search(q: string): Promise<unknown> {
  const { rows } = await pool.query(
    `SELECT course_id, slug, title, summary, language, target_groups, format, starts_at, fiscal_year, published_at FROM catalog_entry
     WHERE search_text ILIKE '%' || $1 || '%' ORDER BY published_at DESC, course_id DESC LIMIT 21`,
    [normalizeSearchText(q)],
  );
  return { items: rows.slice(0, 20).map((r) => ({ id: r.course_id, slug: r.slug, title: r.title, summary: r.summary, language: r.language, targetGroups: r.target_groups, format: r.format, startsAt: r.starts_at?.toISOString() ?? null, fiscalYear: r.fiscal_year, publishedAt: r.published_at.toISOString() })), nextCursor: rows.length > 20 ? 'more' : null };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/static') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
    return;
  }
  const work = url.pathname === '/sql/list' ? list() : url.pathname === '/sql/search' ? search(url.searchParams.get('q') ?? '') : null;
  if (!work) {
    res.writeHead(404).end();
    return;
  }
  work.then(
    (answer) => {
      const json = JSON.stringify(answer);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
      res.end(json);
    },
    (error: Error) => res.writeHead(500).end(error.message),
  );
});
server.listen(Number(env.PORT), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
