import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { OutboxRelayService } from './outbox-relay.service';

/** Waits between attempts to listen again after the connection is lost (PostgreSQL restarting). */
const RECONNECT_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Listens for `outbox_event` notifications (sent at commit by the table's trigger) on a connection
 * of its own, and wakes the relay, so a job starts within milliseconds of the request that caused
 * it instead of up to OUTBOX_POLL_MS later. It is only a shortcut: the relay keeps polling, so when
 * this connection is down (PostgreSQL restarting) events are relayed at the poll's pace, never lost.
 */
@Injectable()
export class OutboxWakeupListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWakeupListener.name);
  private client?: Client;
  private stopped = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly relay: OutboxRelayService,
  ) {}

  onApplicationBootstrap(): void {
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.database.url, application_name: 'baanrian-outbox-wakeup' });
    this.client = client;
    // An unheard 'error' (PostgreSQL shutting down) would crash the worker; 'end' follows it.
    client.on('error', (error) => this.logger.warn({ err: error }, 'outbox wake-up connection failed; relaying at the poll interval'));
    client.on('end', () => this.again(client));
    client.on('notification', () => this.relay.wake());
    try {
      await client.connect();
      await client.query('LISTEN outbox_event');
      this.failures = 0;
      // Events committed while nobody listened are waiting: relay them now.
      this.relay.wake();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox wake-up could not listen; relaying at the poll interval');
      await client.end().catch(() => undefined);
      this.again(client);
    }
  }

  private again(client: Client): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    const delay = RECONNECT_MS[Math.min(this.failures, RECONNECT_MS.length - 1)];
    this.failures += 1;
    this.retry = setTimeout(() => void this.listen(), delay);
  }
}
