/** A request as pino's standard serializer has already shaped it for the log line. */
export interface SerializedRequest {
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
  [key: string]: unknown;
}

// Headers that name the visitor (or their address) or where they came from.
const IDENTIFYING_HEADERS = ['user-agent', 'x-forwarded-for', 'x-real-ip', 'forwarded', 'cf-connecting-ip', 'true-client-ip', 'referer'];

/**
 * The access log's request serializer: the reach beacon's line keeps method, URL, status and
 * timing, but not the address, user agent or referrer, which measured reach promises never to
 * write down (the day's salt sits in the database until midnight; a log with the address beside
 * it would make the hash re-computable).
 */
export function withoutVisitorIdentity(req: SerializedRequest): SerializedRequest {
  if (!req.url?.startsWith('/api/v1/reach/')) return req;
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).filter(([name]) => !IDENTIFYING_HEADERS.includes(name.toLowerCase())));
  const { remoteAddress: _address, remotePort: _port, ...rest } = req;
  return { ...rest, headers };
}
