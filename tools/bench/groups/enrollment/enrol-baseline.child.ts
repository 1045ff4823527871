/**
 * The enrolment baseline: a plain `node:http` server (pinned to the API's core by the harness)
 * whose POST /enrol/{courseId} inserts the enrolment with `INSERT … ON CONFLICT DO NOTHING` and
 * `pg`, nothing else: no framework, no token check (the bearer token IS the user id), no seat
 * accounting, no outbox. Env: PORT, DATABASE_URL. Prints "ready" once listening.
 */
import http from 'node:http';
import pg from 'pg';

const env = process.env;
if (!env.DATABASE_URL || !env.PORT) throw new Error('enrol baseline: PORT and DATABASE_URL are required');
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });

const server = http.createServer((req, res) => {
  const match = /^\/enrol\/([0-9a-f-]{36})$/.exec(req.url ?? '');
  const userId = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  req.resume();
  if (req.method !== 'POST' || !match) {
    res.writeHead(404).end();
    return;
  }
  pool
    .query(
      `INSERT INTO enrollment (course_id, user_id, status, channel, source, activated_at) VALUES ($1, $2, 'active', 'online', 'self', now())
       ON CONFLICT DO NOTHING RETURNING id, status`,
      [match[1], userId],
    )
    .then(
      ({ rows }) => {
        const json = JSON.stringify(rows[0] ?? {});
        res.writeHead(rows.length ? 201 : 200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
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
