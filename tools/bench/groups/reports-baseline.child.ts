/**
 * The fiscal-year summary's physical limit: a plain `node:http` server (pinned to the API's core by
 * the harness) answering `GET /summary?fy=2569` with the five plain statements of
 * reports-summary.sql.ts run on a `pg` pool, as JSON. No framework, validation, authorisation,
 * labels or plan arithmetic.
 *
 * Env: PORT, DATABASE_URL. Prints "ready" once listening.
 */
import http from 'node:http';
import pg from 'pg';
import { fiscalYearSummary } from './reports-summary.sql';

const env = process.env;
if (!env.DATABASE_URL || !env.PORT) throw new Error('reports baseline: PORT and DATABASE_URL are required');
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const fy = Number(url.searchParams.get('fy'));
  if (url.pathname !== '/summary' || !Number.isInteger(fy)) {
    res.writeHead(404).end();
    return;
  }
  fiscalYearSummary(pool, fy).then(
    (rows) => {
      const json = JSON.stringify(rows);
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
