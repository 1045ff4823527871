import 'reflect-metadata';
import { ConfigError, loadConfig } from '@baanrian/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { armFailpoints } from './system/failpoint';
import { WorkerModule } from './worker.module';
import { WORKER_ID } from './worker-identity';

const SHUTDOWN_GRACE_MS = 25_000;

/** The worker has no HTTP: it relays the outbox, runs the queues' processors and reports a heartbeat. */
async function main(): Promise<void> {
  const config = loadConfig();
  armFailpoints(config.worker.failpoints);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM, Nest closes the BullMQ workers, which wait for running jobs to finish.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  app.get(Logger).log(`worker ${WORKER_ID} started`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Running jobs get time to finish, but a shutdown that cannot complete (e.g. Redis gone)
      // must not hang forever: BullMQ redelivers whatever was cut short.
      setTimeout(() => {
        console.error(`worker ${WORKER_ID} did not stop within ${SHUTDOWN_GRACE_MS / 1000} s; exiting`);
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
