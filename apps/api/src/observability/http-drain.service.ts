import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/**
 * On shutdown, requests in flight are answered, then their keep-alive connections are closed at
 * once; otherwise `server.close()` waits for each client's idle timeout before the process can exit.
 */
@Injectable()
export class HttpDrainService implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
    const timer = setInterval(() => server.closeIdleConnections(), 100);
    timer.unref();
    server.once('close', () => clearInterval(timer));
  }
}
