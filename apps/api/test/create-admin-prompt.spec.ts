import { childEnv } from '@baanrian/config';
import { testServers } from '@baanrian/testing';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { useTestApi } from './api-app';
import { PASSWORD, signIn, uniqueEmail } from './accounts-helpers';

/**
 * `create-admin` as an operator types into it: the built command on a real pseudo-terminal
 * (util-linux `script` allocates one), answering each prompt as it appears, against a real test
 * database. The password prompts must not echo what is typed.
 */
const api = useTestApi();
const http = api.http;
const repoRoot = path.resolve(__dirname, '../../..');

interface Session {
  output: () => string;
  waitFor: (text: string) => Promise<void>;
  type: (line: string) => void;
  exit: Promise<number | null>;
}

function onTerminal(): Session {
  const command = `${JSON.stringify(process.execPath)} dist/apps/api/cli.js create-admin`;
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    cwd: repoRoot,
    env: childEnv({ DATABASE_URL: api.databaseUrl(), REDIS_URL: testServers().redisUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent', TERM: 'dumb' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.splice(0)) (output.includes(w.text) ? w.resolve : () => waiters.push(w))();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return {
    output: () => output,
    waitFor: (text) =>
      new Promise<void>((resolve, reject) => {
        if (output.includes(text)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no "${text}" on the terminal; it shows:\n${output}`)), 20_000);
        waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
      }),
    type: (line) => child.stdin.write(`${line}\r`),
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

jest.setTimeout(60_000);

it('asks for email, name and the password twice without echoing it, then creates an administrator who can sign in', async () => {
  const email = uniqueEmail('typed-admin');
  const terminal = onTerminal();
  await terminal.waitFor('Email: ');
  terminal.type(email);
  await terminal.waitFor('Display name: ');
  terminal.type('ผู้ดูแล ศูนย์การเรียนรู้');
  await terminal.waitFor('Password (8 to 128 characters): ');
  terminal.type(PASSWORD);
  await terminal.waitFor('Password again: ');
  terminal.type(PASSWORD);
  expect(await terminal.exit).toBe(0);
  expect(terminal.output()).toMatch(new RegExp(`Created administrator ${email} \\(account code BR-\\d{5}\\)`));
  expect(terminal.output()).toContain(email); // typed answers are echoed…
  expect(terminal.output()).not.toContain(PASSWORD); // …passwords are not
  const session = await signIn(http, email);
  expect(session.body.user.roles).toEqual(['admin', 'learner']);
});

it('stops with one clear line when the two passwords differ, creating nobody', async () => {
  const email = uniqueEmail('mistyped-admin');
  const terminal = onTerminal();
  await terminal.waitFor('Email: ');
  terminal.type(email);
  await terminal.waitFor('Display name: ');
  terminal.type('Admin');
  await terminal.waitFor('Password (8 to 128 characters): ');
  terminal.type(PASSWORD);
  await terminal.waitFor('Password again: ');
  terminal.type(`${PASSWORD}!`);
  expect(await terminal.exit).toBe(1);
  expect(terminal.output()).toContain('The passwords do not match.');
  const [{ n }] = await api.db().query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [email]);
  expect(n).toBe(0);
});
