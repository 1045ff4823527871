import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyBackend {
  name: string;
  port: number;
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Answers per backend name since start (what the proxy forwarded and got a response for). */
  counts: Map<string, number>;
  close(): Promise<void>;
}

/** The response header naming the API process that answered, so tests can see the round robin. */
export const BACKEND_HEADER = 'x-fault-backend';

// Hop-by-hop headers (RFC 9110 §7.6.1) are per connection: the proxy sets its own framing.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);
const TITLES: Record<number, string> = { 502: 'Bad gateway', 503: 'Service unavailable', 504: 'Gateway timeout' };
const TIMEOUT_MS = 60_000; // as nginx's proxy_read_timeout: a stopped (SIGSTOP) process cannot hold a client forever

/**
 * A small local load balancer in front of the API processes: round robin, X-Forwarded-For
 * appended as nginx's `$proxy_add_x_forwarded_for` does, a backend that refuses connections is
 * skipped, 503 problem+json when none accepts, 502 when one dies mid-request (not retried: the
 * request may have had its effect). `backends()` is read per request, so restarts on the same
 * port need no reconfiguration. Request bodies are buffered so a refused request can be replayed
 * (fine for tests; not meant for large uploads).
 */
export async function startFaultProxy(backends: () => ProxyBackend[], port = 0): Promise<FaultProxy> {
  let next = 0;
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const list = backends();
      const start = next++ % Math.max(1, list.length);
      const order = list.map((_, i) => list[(start + i) % list.length]);
      void forward(req, res, Buffer.concat(chunks), order, counts);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, order: ProxyBackend[], counts: Map<string, number>): Promise<void> {
  for (const backend of order) {
    const outcome = await attempt(req, res, body, backend);
    if (outcome === 'answered') {
      counts.set(backend.name, (counts.get(backend.name) ?? 0) + 1);
      return;
    }
    if (outcome === 'failed') return problem(res, 502, 'BAD_GATEWAY', `${backend.name} failed while answering`);
    if (outcome === 'timeout') return problem(res, 504, 'GATEWAY_TIMEOUT', `${backend.name} did not answer within ${TIMEOUT_MS / 1000} s`);
  }
  problem(res, 503, 'NO_BACKEND', 'no API process accepts connections');
}

type Outcome = 'answered' | 'refused' | 'failed' | 'timeout';

function attempt(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, backend: ProxyBackend): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    const client = req.socket.remoteAddress ?? '127.0.0.1';
    headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${client}` : client;
    headers['x-forwarded-proto'] = 'http';
    headers['content-length'] = String(body.length);
    // No keep-alive: a pooled socket to a killed process would fail as "reset", not "refused",
    // and could not be told apart from a request the process had already received.
    const upstream = http.request({ host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers, agent: false });
    let connected = false;
    upstream.once('socket', (socket) => socket.once('connect', () => (connected = true)));
    upstream.setTimeout(TIMEOUT_MS, () => {
      upstream.destroy();
      resolve('timeout');
    });
    // A refused connection never reached the process: safe to send to the next one.
    upstream.once('error', (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy(); // mid-body: the client must see a broken response, not a short one
        resolve('answered');
      } else resolve(!connected || error.code === 'ECONNREFUSED' ? 'refused' : 'failed');
    });
    upstream.once('response', (answer) => {
      const out: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
      out[BACKEND_HEADER] = backend.name;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
      answer.once('error', () => res.destroy());
      res.once('close', () => {
        if (!res.writableFinished) upstream.destroy(); // the client went away
        resolve('answered');
      });
    });
    upstream.end(body);
  });
}

function problem(res: http.ServerResponse, status: number, code: string, detail: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/problem+json', ...(status === 503 ? { 'retry-after': '1' } : {}) });
  res.end(JSON.stringify({ type: `urn:baanrian:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status], status, code, detail }));
}
