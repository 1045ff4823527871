/**
 * Errors that mean PostgreSQL or Redis cannot be reached right now, not that the request or the
 * code is wrong. The API answers them 503 with Retry-After, so clients and load balancers retry
 * instead of reporting a bug (issue 12: "while PostgreSQL or Redis is down, the API answers 503");
 * the worker retries such a job without spending its attempts (apps/worker/src/failed-jobs/outage-tolerant.host.ts).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// SQLSTATE: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// node-postgres and ioredis report a lost connection by message only.
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|enableOfflineQueue options is false|Reached the max retries per request/i;
// Redis reachable but refusing writes at its memory limit (maxmemory under noeviction, the policy
// BullMQ needs): a ReplyError, not a connection error, from a plain command ("OOM command not
// allowed when used memory > 'maxmemory'.") or from inside a script (BullMQ's, "… script: …").
// It passes once memory is freed or the limit raised, so it is an outage for the caller (fault scenario 6).
const REDIS_REFUSALS = /\bOOM command not allowed\b/;

export function isDependencyUnavailable(error: unknown): boolean {
  // TypeORM wraps the driver's error (driverError); Node's fetch-style errors nest it in `cause`.
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const { code, message, driverError, cause } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && (MESSAGES.test(message) || REDIS_REFUSALS.test(message))) return true;
    current = driverError ?? cause;
  }
  return false;
}
