import type { QuestionResponse } from '@baanrian/contracts';
import { ApiError } from '../../api/errors';
import { loadUnsent, storeUnsent } from './attempt-storage';
import { isAttemptClosed, type AttemptDto, type QuizApi, type ResponsesById } from './quiz-api';

/** saved: the server has every answer; saving: a save is due or on its way; retrying: the last one failed. */
export type SaveStatus = 'saved' | 'saving' | 'retrying';

export interface AutosaveState {
  /** What the learner sees: the server's responses with the unsent ones on top. */
  responses: ResponsesById;
  status: SaveStatus;
  /** The server closed the attempt (time over, or submitted elsewhere): show the result. */
  closed: boolean;
}

export interface AutosaveOptions {
  /** Quiet time after the last change before saving (typing in a text answer). */
  debounceMs?: number;
  /** Waits between retries of a failed save; the last one repeats. */
  retryDelaysMs?: number[];
}

type SaveApi = Pick<QuizApi, 'saveResponses' | 'attempt'>;

/**
 * Autosave of one attempt's responses: every change is written to localStorage at once (so a
 * reload or a dead connection loses nothing), then sent in a debounced PATCH numbered one above the
 * revision the server last applied (a save that arrives late, numbered lower, is ignored by it). A failed save is retried with backoff, and at once when the browser comes back
 * online; an answer leaves localStorage only when the server has acknowledged that very answer.
 */
export class AttemptAutosave {
  private readonly listeners = new Set<() => void>();
  private unsent: ResponsesById;
  /** The highest save sequence number the server has applied; each save sends the next one. */
  private revision: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private disposed = false;
  private state: AutosaveState;
  private readonly debounceMs: number;
  private readonly retryDelaysMs: number[];

  constructor(
    private readonly api: SaveApi,
    private readonly attempt: AttemptDto,
    options: AutosaveOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 800;
    this.retryDelaysMs = options.retryDelaysMs ?? [2_000, 5_000, 10_000, 30_000];
    this.revision = attempt.responsesRevision;
    const questionIds = new Set(attempt.questions.map((q) => q.id));
    // Only answers to this attempt's questions (storage is per attempt, but be strict: the API answers 422 otherwise).
    this.unsent = Object.fromEntries(Object.entries(loadUnsent(attempt.id)).filter(([id]) => questionIds.has(id)));
    const pending = Object.keys(this.unsent).length > 0;
    this.state = { responses: { ...attempt.responses, ...this.unsent }, status: pending ? 'saving' : 'saved', closed: false };
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    if (pending) this.schedule(0);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  /** Responses not acknowledged yet (sent along with the submit as a last save). */
  pending(): ResponsesById {
    return { ...this.unsent };
  }

  setResponse(questionId: string, response: QuestionResponse): void {
    if (this.state.closed) return;
    this.unsent = { ...this.unsent, [questionId]: response };
    storeUnsent(this.attempt.id, this.unsent);
    this.update({ responses: { ...this.state.responses, [questionId]: response }, status: this.failures > 0 ? 'retrying' : 'saving' });
    if (this.failures === 0) this.schedule(this.debounceMs);
  }

  /** Sends what is unsent now (before a submit); resolves when that save has ended, well or not. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.inFlight) await this.inFlight;
    if (Object.keys(this.unsent).length > 0 && !this.state.closed) await this.send();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    this.listeners.clear();
  }

  private onOnline = () => {
    if (Object.keys(this.unsent).length > 0) this.schedule(0);
  };

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.send(), delay);
  }

  private send(): Promise<void> {
    if (this.disposed || this.state.closed) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    const batch = this.unsent;
    if (Object.keys(batch).length === 0) return Promise.resolve();
    // When to try again; scheduled once this save is no longer in flight.
    let next: number | undefined;
    this.inFlight = this.api
      .saveResponses(this.attempt.id, { responses: batch, revision: this.revision + 1 })
      .then(
        (saved) => {
          this.revision = Math.max(this.revision, saved.responsesRevision);
          this.failures = 0;
          if (saved.applied === false) {
            // Another tab (or an older page) saved a higher number first: ours was ignored, so send it again above theirs.
            this.update({ status: 'saving' });
            next = 0;
            return;
          }
          // Keep what changed while this save was on its way: only acknowledged answers leave.
          this.unsent = Object.fromEntries(Object.entries(this.unsent).filter(([id, response]) => batch[id] !== response));
          storeUnsent(this.attempt.id, this.unsent);
          const more = Object.keys(this.unsent).length > 0;
          this.update({ status: more ? 'saving' : 'saved' });
          if (more) next = this.debounceMs;
        },
        async (error: unknown) => {
          if (isAttemptClosed(error)) {
            this.update({ closed: true });
            return;
          }
          // A conflict that does not close the attempt: take the server's revision and send ours again.
          if (error instanceof ApiError && error.status === 409) {
            try {
              this.revision = (await this.api.attempt(this.attempt.id)).responsesRevision;
            } catch {
              // the retry below tries again
            }
          }
          this.failures += 1;
          this.update({ status: 'retrying' });
          next = this.retryDelaysMs[Math.min(this.failures - 1, this.retryDelaysMs.length - 1)];
        },
      )
      .finally(() => {
        this.inFlight = null;
        if (next !== undefined) this.schedule(next);
      });
    return this.inFlight;
  }

  private update(patch: Partial<AutosaveState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((listener) => listener());
  }
}
