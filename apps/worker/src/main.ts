import 'reflect-metadata';
import { ConfigError, loadConfig } from '@baanrian/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';
import { WORKER_ID } from './worker-identity';

/** The worker has no HTTP: it relays the outbox, runs the queues' processors and reports a heartbeat. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM, Nest closes the BullMQ workers, which wait for running jobs to finish.
  app.enableShutdownHooks();
  app.get(Logger).log(`worker ${WORKER_ID} started`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
