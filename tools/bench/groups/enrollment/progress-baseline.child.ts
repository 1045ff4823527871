/**
 * The bare handler the progress update is compared with: `node:http` + `pg`, no framework, no
 * authentication, no validation: `PUT /progress/{lessonId}` runs the same upsert of
 * lesson_progress for a fixed enrolment in a transaction, and answers the row as JSON.
 *
 * Env: PORT, DATABASE_URL, ENROLLMENT_ID. Prints "ready" once listening.
 */
import http from 'node:http';
import pg from 'pg';

const env = process.env;
if (!env.PORT || !env.DATABASE_URL || !env.ENROLLMENT_ID) throw new Error('progress baseline: PORT, DATABASE_URL and ENROLLMENT_ID are required');
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });

const UPSERT = `INSERT INTO lesson_progress AS p (enrollment_id, lesson_id, status, percent, position_seconds, completed_at, updated_at)
  VALUES ($1, $2, 'in_progress', $3, $4, NULL, now())
  ON CONFLICT (enrollment_id, lesson_id) DO UPDATE SET percent = GREATEST(p.percent, EXCLUDED.percent),
    position_seconds = COALESCE(EXCLUDED.position_seconds, p.position_seconds), updated_at = now()
  RETURNING status, percent, position_seconds`;

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const lessonId = req.url?.split('/')[2] ?? '';
      const client = await pool.connect();
      try {
        const input = JSON.parse(body || '{}') as { percent?: number; positionSeconds?: number };
        await client.query('BEGIN');
        const { rows } = await client.query(UPSERT, [env.ENROLLMENT_ID, lessonId, input.percent ?? 0, input.positionSeconds ?? null]);
        await client.query('COMMIT');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        res.writeHead(500).end(String(error));
      } finally {
        client.release();
      }
    });
  })
  .listen(Number(env.PORT), '127.0.0.1', () => console.log('ready'));
