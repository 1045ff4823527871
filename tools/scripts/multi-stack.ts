import path from 'node:path';
import { buildApps, runOrFail } from '@baanrian/dev-services';
import { ROOT, startFaultStack } from '../faults/fault.stack';

/**
 * `npm run stack:multi [-- --apis 2 --workers 3 --demo]`: the multi-process deployment the fault
 * suite uses, to try by hand: N API processes behind a local round-robin proxy, M workers,
 * PostgreSQL, Redis and an SMTP server that keeps mails in memory, all in a temporary folder that
 * is removed on Ctrl-C. Empty by default: the demo seed makes the workers issue ~1,750
 * certificates (minutes of CPU on a small machine), so it is only loaded with --demo.
 */
const say = (line: string) => console.log(`[stack:multi] ${line}`);

function count(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 8) throw new Error(`--${name} takes a whole number from 1 to 8`);
  return value;
}

async function main(): Promise<void> {
  const started = Date.now();
  const apis = count('apis', 2);
  const workers = count('workers', 3);
  say(`Building and starting ${apis} API and ${workers} worker processes…`);
  // The API processes serve the portal, as in production (the fault suite does without it).
  await buildApps(['portal']);
  const stack = await startFaultStack({ apis, workers, log: (line) => console.log(line) });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping (processes first, then Redis and PostgreSQL)…');
    await stack.stop();
    say('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // Unlike the fault suite, nobody restarts a process here on purpose: say so when one dies.
  for (const p of [...stack.apis, ...stack.workers]) {
    void p.exited().then((code) => {
      if (!stopping) say(`${p.name} exited (${code ?? 'signal'}); the others keep running`);
    });
  }

  if (process.argv.includes('--demo')) {
    say((await runOrFail('Demo seed', process.execPath, [path.join(ROOT, 'dist/apps/api/cli.js'), 'seed'], stack.env)).trim());
  }
  const env = `DATABASE_URL='${stack.databaseUrl}' REDIS_URL='${stack.redisUrl}'`;
  console.log(`
  Multi-process Baanrian is ready in ${((Date.now() - started) / 1000).toFixed(1)} s.

    Proxy (round robin)  ${stack.baseUrl}        (portal and API; X-Fault-Backend names the process that answered)
${stack.apis.map((p, i) => `    ${p.name.padEnd(20)} ${stack.apiUrls[i]}  pid ${p.pid}`).join('\n')}
${stack.workers.map((p) => `    ${p.name.padEnd(20)} pid ${p.pid}`).join('\n')}
    PostgreSQL           ${stack.databaseUrl}
    Redis                ${stack.redisUrl}
    SMTP                 mails are accepted and kept in memory by this script

  Try: kill -9 <an API pid> and keep using the proxy URL; the other process answers.
  An administrator: ${env} npm run create-admin
  Press Ctrl-C to stop everything.
`);
}

main().catch((error: unknown) => {
  console.error(`[stack:multi] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
