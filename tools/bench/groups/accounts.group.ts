import pg from 'pg';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD } from '../data/data.generator';
import { type BenchGroup, interleaved } from '../bench.group';
import { type LoadFigures, type LoadJob, runLoad } from '../bench.load';
import { runChildJson, spawnNode, tsxArgs } from '../bench.stack';
import { summarise } from '../bench.stats';
import { CATALOG_LIST_PATH } from './courses.group';
import path from 'node:path';

const SIGN_INS = 50;

/**
 * Issue 5: under 50 concurrent sign-ins, catalog p95 stays ≤ 2× its idle value; sign-in p95 and
 * the hash time are recorded. The catalog probe is one connection asking again as soon as it has
 * its answer; "loaded" runs it next to 50 connections signing in distinct bench accounts.
 */
export const accountsGroup: BenchGroup = {
  name: 'accounts',
  issue: 5,
  async run({ stack: getStack, rounds, seconds, log }) {
    const stack = await getStack();
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const { rows } = await client
      .query<{ email: string }>(`SELECT email FROM app_user WHERE email LIKE $1 AND password_hash IS NOT NULL ORDER BY account_code LIMIT 5000`, [`learner-%@${BENCH_EMAIL_DOMAIN}`])
      .finally(() => client.end());
    if (rows.length < SIGN_INS) throw new Error(`accounts: only ${rows.length} bench accounts with a password`);
    const probe: LoadJob = { name: 'catalog', url: stack.baseUrl, path: CATALOG_LIST_PATH, connections: 1, seconds };
    const signIns: LoadJob = {
      name: 'sign-in', url: stack.baseUrl, path: '/api/v1/auth/sign-in', method: 'POST', connections: SIGN_INS, seconds,
      signIn: { logins: rows.map((r) => r.email), password: BENCH_PASSWORD, forwardedFor: true },
    };
    const hashLoop = async () => (await runChildJson<{ medianMs: number }>(spawnNode('server', tsxArgs(path.join(__dirname, '../hash-loop.child.ts')).concat('20')))).medianMs;
    const runs = await interleaved(rounds, {
      loaded: () => runLoad([probe, signIns]),
      idle: () => runLoad([probe]),
      hash: hashLoop,
    }, (line) => log(`accounts: ${line}`));
    const pick = (figures: LoadFigures[][], name: string) =>
      figures.map((run) => {
        const found = run.find((f) => f.name === name);
        if (!found) throw new Error(`accounts: no figures for ${name}`);
        return found;
      });
    const loadedCatalog = pick(runs.loaded, 'catalog');
    const signIn = pick(runs.loaded, 'sign-in');
    const failures = signIn.reduce((n, f) => n + f.non2xx + f.errors, 0) + [...loadedCatalog, ...pick(runs.idle, 'catalog')].reduce((n, f) => n + f.non2xx + f.errors, 0);
    return [
      summarise({
        group: 'accounts', name: 'catalog p95 under 50 concurrent sign-ins', unit: 'ms', baselineLabel: 'idle p95',
        target: { kind: 'ratio-max', value: 2 },
        rounds: { ours: loadedCatalog.map((f) => f.p95), baseline: pick(runs.idle, 'catalog').map((f) => f.p95) },
        note: `catalog: ${CATALOG_LIST_PATH}, 1 connection; failed responses in the group: ${failures}`,
      }),
      summarise({
        group: 'accounts', name: 'sign-in p95 (50 concurrent)', unit: 'ms', baselineLabel: 'argon2id hash, plain loop',
        target: { kind: 'record' },
        rounds: { ours: signIn.map((f) => f.p95), baseline: runs.hash },
        note: `sign-ins/s (median): ${signIn.map((f) => f.rps).sort((a, b) => a - b)[Math.floor(signIn.length / 2)].toFixed(1)}; non-2xx sign-ins: ${signIn.reduce((n, f) => n + f.non2xx, 0)}`,
      }),
    ];
  },
};
