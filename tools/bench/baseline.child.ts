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
import { buildCatalogQuery } from '../../apps/api/src/catalog/catalog.query';

const env = process.env;
if (!env.STATIC_FILE || !env.DATABASE_URL || !env.PORT) throw new Error('baseline server: PORT, DATABASE_URL and STATIC_FILE are required');
const body = readFileSync(env.STATIC_FILE);
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });

/**
 * The API's own listing SQL (buildCatalogQuery: the first page, newest first, and a free-text
 * search with the same planner setting), with `pg` and nothing else: no framework, no
 * validation pipe, no ORM, no compression.
 */
async function run(query: Parameters<typeof buildCatalogQuery>[0]): Promise<unknown> {
  const built = buildCatalogQuery(query);
  const client = await pool.connect();
  try {
    if (!built.searching) return shape((await client.query(built.sql, built.params)).rows, built.limit);
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const { rows } = await client.query(built.sql, built.params);
    await client.query('COMMIT');
    return shape(rows, built.limit);
  } finally {
    client.release();
  }
}

function shape(rows: Record<string, unknown>[], limit: number): unknown {
  return {
    items: rows.slice(0, limit).map((r) => ({
      id: r.course_id, slug: r.slug, title: r.title, summary: r.summary, language: r.language, targetGroups: r.target_groups,
      format: r.format, categorySlug: r.category_slug, tags: r.tags, startsAt: (r.starts_at as Date | null)?.toISOString() ?? null,
      fiscalYear: r.fiscal_year, learningHours: r.learning_hours === null ? null : Number(r.learning_hours), publishedAt: (r.published_at as Date).toISOString(),
    })),
    nextCursor: rows.length > limit ? String(lastKey(rows, limit)) : null,
  };
}

const lastKey = (rows: Record<string, unknown>[], limit: number) => rows[limit - 1]?.sort_key ?? '';
const list = () => run({ limit: 20 });
const search = (q: string) => run({ q, limit: 20 });

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
