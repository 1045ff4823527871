import { useTestApi } from './api-app';
import { bearer, signUp, signUpAdmin } from './accounts-helpers';

const api = useTestApi();
const http = api.http;

describe('errors and request ids', () => {
  it('answers an unknown API route with a 404 problem, not the portal', async () => {
    const res = await http().get('/api/v1/nothing-here').set('Accept-Language', 'en').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found' });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await http().post('/api/v1/system/pings').set('Content-Type', 'application/json').send('{"oops":').expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('rejects a malformed id before touching the database', async () => {
    const res = await http().get('/api/v1/system/pings/not-a-uuid').expect(400);
    expect(res.body.code).toBe('BAD_REQUEST');
  });

  it('answers a missing ping with the module\'s own error code', async () => {
    const res = await http().get('/api/v1/system/pings/00000000-0000-4000-8000-000000000000').set('Accept-Language', 'en').expect(404);
    expect(res.body).toMatchObject({ code: 'PING_NOT_FOUND', title: 'Ping not found' });
  });

  it('echoes a safe X-Request-Id, replaces an unsafe one, and quotes it in problems', async () => {
    const kept = await http().get('/api/v1/nothing').set('X-Request-Id', 'abc-123').expect(404);
    expect(kept.headers['x-request-id']).toBe('abc-123');
    expect(kept.body.requestId).toBe('abc-123');
    const replaced = await http().get('/api/v1/health/live').set('X-Request-Id', '<script>').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('hides internal failures: a generic 500 problem with no stack trace or SQL', async () => {
    await api.db().query('ALTER TABLE catalog_entry RENAME TO catalog_gone');
    try {
      const res = await http().get('/api/v1/catalog').set('Accept-Language', 'en').expect(500);
      expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', title: 'Something went wrong on our side. Please try again.' });
      expect(JSON.stringify(res.body)).not.toMatch(/catalog_gone|relation|stack|at \w+ \(|QueryFailedError/);
    } finally {
      await api.db().query('ALTER TABLE catalog_gone RENAME TO catalog_entry');
    }
  });
});

describe('POST /api/v1/system/pings', () => {
  let asAdmin: Record<string, string>;
  beforeAll(async () => {
    asAdmin = bearer((await signUpAdmin(http, api.db())).accessToken);
  });

  it('is for administrators only: anonymous callers get 401, other users 403, and nothing is written', async () => {
    const before = Number((await api.db().query('SELECT count(*) AS n FROM system_ping'))[0].n);
    expect((await http().post('/api/v1/system/pings').expect(401)).body.code).toBe('UNAUTHORIZED');
    const learner = await signUp(http);
    await http().post('/api/v1/system/pings').set(bearer(learner.accessToken)).expect(403);
    expect(Number((await api.db().query('SELECT count(*) AS n FROM system_ping'))[0].n)).toBe(before);
  });

  it('writes the ping and its system.ping outbox event together, tagged with the request id', async () => {
    const res = await http().post('/api/v1/system/pings').set(asAdmin).set('X-Request-Id', 'ping-req-1').expect(202);
    expect(res.body).toMatchObject({ completedAt: null, roundTripMs: null });
    const [event] = await api.db().query(`SELECT type, payload, request_id, published_at FROM outbox_event WHERE payload->>'pingId' = $1`, [res.body.id]);
    expect(event).toMatchObject({ type: 'system.ping', request_id: 'ping-req-1', published_at: null });
  });

  it('writes neither when the event cannot be written (one transaction)', async () => {
    const before = Number((await api.db().query('SELECT count(*) AS n FROM system_ping'))[0].n);
    await api.db().query(`ALTER TABLE outbox_event ADD CONSTRAINT no_events CHECK (type <> 'system.ping') NOT VALID`);
    try {
      await http().post('/api/v1/system/pings').set(asAdmin).expect(500);
    } finally {
      await api.db().query('ALTER TABLE outbox_event DROP CONSTRAINT no_events');
    }
    expect(Number((await api.db().query('SELECT count(*) AS n FROM system_ping'))[0].n)).toBe(before);
  });
});

describe('the portal on the same origin', () => {
  it('serves the built portal at / (server-rendered) and the shell for deep links, but never for /api paths', async () => {
    const home = await http().get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.text).toContain('<h1>ค้นหาหลักสูตร</h1>'); // rendered on the server
    expect(home.text).toContain('id="baanrian-ssr-state"');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)?.[1];
    const gzipped = await http().get(String(script)).set('Accept-Encoding', 'gzip').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toContain('immutable');
    const deep = await http().get('/settings').expect(200);
    expect(deep.text).toContain('<div id="root"></div>'); // the browser renders other routes
    expect(deep.text).toContain(`src="${script}"`);
    // An unknown course page: 404, with the same shell (the portal says "not found").
    const missing = await http().get('/courses/some-course').expect(404);
    expect(missing.text).toContain('<div id="root"></div>');
    await http().get('/api/v1/unknown').expect(404);
    // The service worker, the manifest and the icons: files of the build, cached for an hour.
    const worker = await http().get('/sw.js').expect(200);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(worker.headers['cache-control']).toBe('public, max-age=3600');
    await http().get('/manifest.webmanifest').expect(200);
    const icon = await http().get('/icons/icon-192.png').expect(200);
    expect(icon.headers['content-type']).toBe('image/png');
    await http().head('/favicon.ico').expect(200);
  });

  it('compresses API responses for clients that accept it', async () => {
    const res = await http().get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/catalog');
    const ui = await http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });
});
