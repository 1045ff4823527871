/**
 * The learner's progress updates, kept in a persistent queue (localStorage: it survives a reload,
 * a closed tab, a phone that dropped off the network) and sent in order.
 *
 * - An update is written to storage BEFORE any attempt to send it, and leaves storage only once
 *   the API has answered it (2xx: done; a refusal such as 403/409: moved to `failed`).
 * - A network error, a 5xx, 408/429 or 401 stops the replay at that item (later updates never
 *   overtake it) and retries with exponential backoff; coming back online retries at once.
 * - Never lost, never duplicated: if the page reloads after the API applied an update but before
 *   it was removed, the update is sent again with the same Idempotency-Key, and the API keeps the
 *   highest percent anyway, so applying it twice changes nothing.
 * - Consecutive updates of the same lesson merge (highest percent, latest position, completed
 *   sticks), so a video watched offline for an hour is one update, not 360.
 */

export interface ProgressUpdate {
  lessonId: string;
  courseId: string;
  percent?: number;
  positionSeconds?: number;
  completed?: boolean;
  /** When the learner made the progress (ISO), sent so late replays keep their time. */
  occurredAt: string;
}

export interface QueuedProgress extends ProgressUpdate {
  /** Sent as Idempotency-Key on every attempt. */
  id: string;
}

export interface FailedProgress extends QueuedProgress {
  status: number;
}

/** The API's answer: an HTTP status, or null when no response came (offline). */
export type ProgressSender = (item: QueuedProgress) => Promise<{ status: number } | null>;

export type QueueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface ProgressQueueOptions {
  storage?: QueueStorage;
  /** Schedules a retry (tests pass a fake clock). */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  isOnline?: () => boolean;
  newId?: () => string;
}

export const PROGRESS_QUEUE_KEY = 'baanrian.learning.progressQueue';
export const PROGRESS_FAILED_KEY = 'baanrian.learning.progressFailed';
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

/** Keep the item and try again later (no answer, server trouble, rate limits, signed out for now). */
const isRetryable = (status: number) => status >= 500 || status === 401 || status === 408 || status === 429 || status < 200;

function memoryStorage(): QueueStorage {
  const map = new Map<string, string>();
  return { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

function defaultStorage(): QueueStorage {
  try {
    if (typeof window !== 'undefined' && window.localStorage) return window.localStorage;
  } catch {
    // Storage blocked (privacy settings): the queue still works for this page view.
  }
  return memoryStorage();
}

const randomId = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export function mergeUpdates(older: ProgressUpdate, newer: ProgressUpdate): ProgressUpdate {
  const percent = Math.max(older.percent ?? -1, newer.percent ?? -1);
  return {
    lessonId: newer.lessonId,
    courseId: newer.courseId,
    ...(percent >= 0 ? { percent } : {}),
    ...(newer.positionSeconds !== undefined || older.positionSeconds !== undefined ? { positionSeconds: newer.positionSeconds ?? older.positionSeconds } : {}),
    ...(older.completed || newer.completed ? { completed: true } : {}),
    occurredAt: newer.occurredAt,
  };
}

export class ProgressQueue {
  private readonly storage: QueueStorage;
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly QueuedProgress[] | null = null;
  private failedSnapshot: readonly FailedProgress[] | null = null;
  /** Id of the item being sent: it must not be merged into (the API may already have it). */
  private inFlight: string | null = null;
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private sender: ProgressSender | null = null;

  constructor(private readonly options: ProgressQueueOptions = {}) {
    this.storage = options.storage ?? defaultStorage();
  }

  pending(): readonly QueuedProgress[] {
    this.snapshot ??= this.read<QueuedProgress>(PROGRESS_QUEUE_KEY);
    return this.snapshot;
  }

  failed(): readonly FailedProgress[] {
    this.failedSnapshot ??= this.read<FailedProgress>(PROGRESS_FAILED_KEY);
    return this.failedSnapshot;
  }

  dismissFailed(): void {
    this.write(PROGRESS_FAILED_KEY, []);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores the update (merged into the last queued one of the same lesson), then tries to send. */
  add(update: ProgressUpdate): void {
    const items = [...this.pending()];
    const last = items[items.length - 1];
    if (last && last.lessonId === update.lessonId && last.id !== this.inFlight) {
      items[items.length - 1] = { ...mergeUpdates(last, update), id: last.id };
    } else {
      items.push({ ...update, id: (this.options.newId ?? randomId)() });
    }
    this.write(PROGRESS_QUEUE_KEY, items);
    void this.flush();
  }

  /** Sends with this function from now on (the app's API client) and starts replaying. */
  start(sender: ProgressSender): void {
    this.sender = sender;
    this.attempt = 0;
    void this.flush();
  }

  stop(): void {
    this.sender = null;
    this.cancelTimer();
  }

  /** The browser says it is back online: try now, whatever the backoff said. */
  online(): void {
    this.attempt = 0;
    this.cancelTimer();
    void this.flush();
  }

  /** Re-reads storage (another tab changed it). */
  reload(): void {
    this.snapshot = null;
    this.failedSnapshot = null;
    this.notify();
  }

  /** Replays in order; one replay at a time. Resolves when the queue is empty or a retry is scheduled. */
  flush(): Promise<void> {
    if (!this.sender || this.timer !== null) return this.running ?? Promise.resolve();
    if (this.options.isOnline && !this.options.isOnline()) return Promise.resolve();
    this.running ??= this.replay().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async replay(): Promise<void> {
    for (;;) {
      const send = this.sender;
      const item = this.pending()[0];
      if (!item || !send) return;
      this.inFlight = item.id;
      let result: { status: number } | null;
      try {
        result = await send(item);
      } catch {
        result = null;
      } finally {
        this.inFlight = null;
      }
      if (result === null || isRetryable(result.status)) {
        this.scheduleRetry();
        return;
      }
      this.attempt = 0;
      if (result.status >= 400) this.write(PROGRESS_FAILED_KEY, [...this.failed(), { ...item, status: result.status }]);
      this.write(
        PROGRESS_QUEUE_KEY,
        this.pending().filter((pending) => pending.id !== item.id),
      );
    }
  }

  private scheduleRetry(): void {
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempt);
    this.attempt++;
    const setTimer = this.options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
    this.timer = setTimer(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    (this.options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = null;
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
      // Storage full: keep the change in memory for this page view rather than lose it.
    }
    if (key === PROGRESS_QUEUE_KEY) this.snapshot = items as QueuedProgress[];
    else this.failedSnapshot = items as FailedProgress[];
    this.notify();
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }
}

let shared: ProgressQueue | null = null;

/** The page's progress queue (tabs share its storage). */
export function progressQueue(): ProgressQueue {
  shared ??= new ProgressQueue({ isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false });
  return shared;
}

/**
 * Sends the queue with `sender`, now and whenever the browser comes back online, and re-reads it
 * when another tab changes it. Returns the function that stops it.
 */
export function startProgressSync(queue: ProgressQueue, sender: ProgressSender): () => void {
  const onOnline = () => queue.online();
  const onStorage = (event: StorageEvent) => {
    if (event.key === PROGRESS_QUEUE_KEY || event.key === PROGRESS_FAILED_KEY) queue.reload();
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('storage', onStorage);
  queue.start(sender);
  return () => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('storage', onStorage);
    queue.stop();
  };
}
