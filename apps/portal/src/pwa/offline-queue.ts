/**
 * Offline queue: API writes made while offline are kept (in localStorage, so they survive a reload
 * or a closed tab) and replayed in order when the connection returns. Nothing typed is lost:
 *
 * - an item leaves the queue only when the API has answered it: 2xx (done) or 4xx (refused: the
 *   item moves to `failed`, kept so the learner can be told what was not saved);
 * - on a network error or a 5xx the item stays and replay stops there, so later writes never
 *   overtake earlier ones;
 * - every replay carries `Idempotency-Key: <item id>`, so the API can recognise a write it already
 *   applied (e.g. the answer was lost on the way back) and not apply it twice.
 */

export type QueueMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface QueuedRequest {
  /** Unique per write; sent as the Idempotency-Key header on every attempt. */
  id: string;
  method: QueueMethod;
  /** Same-origin API path, e.g. `/api/v1/enrolments`. */
  path: string;
  body?: unknown;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface FailedRequest extends QueuedRequest {
  /** The HTTP status the API refused the write with. */
  status: number;
  failedAt: number;
}

/** What a replay attempt produced: an HTTP status, or `null` when no response came (network error). */
export type SendResult = { status: number } | null;

/** Sends one queued request (with its Idempotency-Key) and reports the status; throws or returns null on network errors. */
export type Sender = (request: QueuedRequest, headers: Record<string, string>) => Promise<SendResult>;

export interface FlushResult {
  sent: number;
  failed: number;
  /** Still queued after this flush (a network error or 5xx stopped the replay). */
  remaining: number;
}

/** The subset of `Storage` the queue uses (tests and private-mode browsers may pass their own). */
export type QueueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const PENDING_KEY = 'baanrian.offlineQueue.pending';
const FAILED_KEY = 'baanrian.offlineQueue.failed';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** In-memory storage for environments without localStorage: the queue still works for the session. */
export function memoryStorage(): QueueStorage {
  const map = new Map<string, string>();
  return { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

function defaultStorage(): QueueStorage {
  try {
    if (typeof window !== 'undefined' && window.localStorage) return window.localStorage;
  } catch {
    // Blocked (privacy settings): fall through.
  }
  return memoryStorage();
}

export class OfflineQueue {
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<FlushResult> | null = null;
  /** Cached snapshots, so `useSyncExternalStore` sees stable references between changes. */
  private pendingSnapshot: readonly QueuedRequest[] | null = null;
  private failedSnapshot: readonly FailedRequest[] | null = null;

  constructor(
    private readonly storage: QueueStorage = defaultStorage(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps a write for later; returns the stored item (its id is the idempotency key). */
  enqueue(request: { method: QueueMethod; path: string; body?: unknown; id?: string }): QueuedRequest {
    const item: QueuedRequest = {
      id: request.id ?? newId(),
      method: request.method,
      path: request.path,
      ...(request.body === undefined ? {} : { body: request.body }),
      createdAt: this.now(),
    };
    this.write(PENDING_KEY, [...this.pending(), item]);
    return item;
  }

  /** Writes waiting to be sent, oldest first. */
  pending(): readonly QueuedRequest[] {
    this.pendingSnapshot ??= this.read<QueuedRequest>(PENDING_KEY);
    return this.pendingSnapshot;
  }

  /** Writes the API refused (4xx), kept so the learner can be told. */
  failed(): readonly FailedRequest[] {
    this.failedSnapshot ??= this.read<FailedRequest>(FAILED_KEY);
    return this.failedSnapshot;
  }

  /** Forgets refused writes once the learner has seen them (all, or the given ids). */
  dismissFailed(ids?: readonly string[]): void {
    this.write(FAILED_KEY, ids ? this.failed().filter((item) => !ids.includes(item.id)) : []);
  }

  /**
   * Replays pending writes in order. Stops at the first network error or 5xx (kept for the next
   * flush). Concurrent calls share one replay, so nothing is sent twice at once.
   */
  flush(send: Sender): Promise<FlushResult> {
    this.flushing ??= this.replay(send).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads storage (another tab changed it). */
  reload(): void {
    this.pendingSnapshot = null;
    this.failedSnapshot = null;
    this.listeners.forEach((listener) => listener());
  }

  private async replay(send: Sender): Promise<FlushResult> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      // Re-read each time: an enqueue during the replay is appended behind the current item.
      const item = this.pending()[0];
      if (!item) break;
      let result: SendResult;
      try {
        result = await send(item, { [IDEMPOTENCY_HEADER]: item.id });
      } catch {
        result = null;
      }
      if (result === null || result.status >= 500 || result.status < 200 || isRetryableClientStatus(result.status)) break;
      if (result.status >= 400) {
        this.write(FAILED_KEY, [...this.failed(), { ...item, status: result.status, failedAt: this.now() }]);
        failed++;
      } else {
        sent++;
      }
      this.write(PENDING_KEY, this.pending().filter((pending) => pending.id !== item.id));
    }
    return { sent, failed, remaining: this.pending().length };
  }

  private read<T>(key: string): readonly T[] {
    try {
      const raw = this.storage.getItem(key);
      const value: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(value) ? (value as T[]) : [];
    } catch {
      return [];
    }
  }

  private write(key: string, items: readonly unknown[]): void {
    try {
      this.storage.setItem(key, JSON.stringify(items));
    } catch {
      // Storage full: keep the change in memory for this session rather than lose it.
    }
    if (key === PENDING_KEY) this.pendingSnapshot = items as QueuedRequest[];
    else this.failedSnapshot = items as FailedRequest[];
    this.listeners.forEach((listener) => listener());
  }
}

/** 408 Request Timeout and 429 Too Many Requests mean "try again later", not "refused". */
function isRetryableClientStatus(status: number): boolean {
  return status === 408 || status === 429;
}

/** A sender using `fetch` against the same origin, JSON bodies. */
export function fetchSender(fetchImpl: typeof fetch = (...args) => fetch(...args)): Sender {
  return async (request, headers) => {
    const hasBody = request.body !== undefined;
    const response = await fetchImpl(request.path, {
      method: request.method,
      headers: { ...headers, Accept: 'application/json', ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify(request.body) : undefined,
      credentials: 'same-origin',
    });
    return { status: response.status };
  };
}

let shared: OfflineQueue | null = null;

/** The page's queue (one per page; tabs share storage and see each other's changes). */
export function offlineQueue(): OfflineQueue {
  shared ??= new OfflineQueue();
  return shared;
}

/**
 * Replays the queue now and whenever the browser comes back online; also re-reads when another
 * tab changes it. Returns a function that stops listening.
 */
export function startOfflineQueue(queue: OfflineQueue = offlineQueue(), send: Sender = fetchSender()): () => void {
  const flush = () => void queue.flush(send).catch(() => undefined);
  const onStorage = (event: StorageEvent) => {
    if (event.key === PENDING_KEY || event.key === FAILED_KEY) queue.reload();
  };
  window.addEventListener('online', flush);
  window.addEventListener('storage', onStorage);
  if (navigator.onLine !== false) flush();
  return () => {
    window.removeEventListener('online', flush);
    window.removeEventListener('storage', onStorage);
  };
}
