import { childEnv } from '@baanrian/config';
import { testServers } from '@baanrian/testing';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { useTestApi } from './api-app';
import { bearer, PASSWORD, signIn, uniqueEmail } from './accounts-helpers';

const api = useTestApi();
const http = api.http;
const repoRoot = path.resolve(__dirname, '../../..');

/** The built operator command, as an operator runs it on a server: `node dist/apps/api/cli.js create-admin`. */
function createAdminCli(args: string[], stdin: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/apps/api/cli.js', 'create-admin', ...args], {
      cwd: repoRoot,
      env: childEnv({ DATABASE_URL: api.databaseUrl(), REDIS_URL: testServers().redisUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

const setupBody = () => ({ email: uniqueEmail('first-admin'), password: PASSWORD, displayName: 'First Admin', preferredLocale: 'th' });

describe('first-run setup', () => {
  it('creates exactly one administrator even when several setups race', async () => {
    expect((await http().get('/api/v1/setup').expect(200)).body).toEqual({ needsAdmin: true });

    const answers = await Promise.all(Array.from({ length: 5 }, () => http().post('/api/v1/setup/admin').set('Accept-Language', 'en').send(setupBody())));
    const created = answers.filter((res) => res.status === 201);
    expect(created).toHaveLength(1);
    for (const res of answers.filter((r) => r.status !== 201)) {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'SETUP_DONE', title: 'An administrator already exists' });
    }
    const [{ admins }] = await api.db().query(`SELECT count(*)::int AS admins FROM user_role WHERE role = 'admin'`);
    expect(admins).toBe(1);

    const admin = created[0].body;
    expect(admin.user.roles).toEqual(['admin', 'learner']);
    expect(created[0].headers['set-cookie'][0]).toMatch(/^baanrian_refresh=.+; Path=\/api\/v1\/auth/);
    expect((await http().get('/api/v1/setup').expect(200)).body).toEqual({ needsAdmin: false });

    // The new administrator is signed in and can act; the setup is in the audit log.
    const audit = await http().get('/api/v1/admin/audit').set(bearer(admin.accessToken)).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'setup.admin', actorId: admin.user.id, actorName: 'First Admin', targetId: admin.user.id })]);
  });

  it('stays closed once an administrator exists', async () => {
    const res = await http().post('/api/v1/setup/admin').send(setupBody()).expect(409);
    expect(res.body.code).toBe('SETUP_DONE');
  });
});

describe('create-admin (the built command)', () => {
  it('creates an administrator from flags and a password on stdin, audited, who can sign in', async () => {
    const email = uniqueEmail('operator');
    const result = await createAdminCli(['--email', email, '--name', 'ผู้ดูแล อบจ.', '--locale', 'th'], `${PASSWORD}\n`);
    expect(result.output).toMatch(new RegExp(`^Created administrator ${email} \\(account code BR-\\d{5}\\)`));
    expect(result.code).toBe(0);
    const session = await signIn(http, email);
    expect(session.body.user.roles).toEqual(['admin', 'learner']);
    const [entry] = await api.db().query(`SELECT actor_id, target_id FROM audit_log WHERE action = 'cli.create-admin'`);
    expect(entry).toEqual({ actor_id: null, target_id: session.id });
  });

  it('refuses an email that is taken, and a password that is too short, with one clear line', async () => {
    const email = uniqueEmail('twice');
    expect((await createAdminCli(['--email', email, '--name', 'A'], PASSWORD)).code).toBe(0);
    const again = await createAdminCli(['--email', email, '--name', 'A'], PASSWORD);
    expect(again).toEqual({ code: 1, output: `An account with the email ${email} already exists.\n` });
    const short = await createAdminCli(['--email', uniqueEmail('short'), '--name', 'A'], 'short');
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/^Cannot create the administrator: password must be longer than or equal to 8 characters/);
  });
});
