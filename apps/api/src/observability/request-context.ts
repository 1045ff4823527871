import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
// A caller-supplied id is kept only if it is short and plain, so it is safe in logs and headers.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when safe, otherwise a new UUID),
 * echoes it in the response, and makes it available to services so outbox events carry it
 * into the worker's logs.
 */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const header = req.header('x-request-id');
  const requestId = header && SAFE_ID.test(header) ? header : randomUUID();
  (req as Request & { id: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  storage.run({ requestId }, next);
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
