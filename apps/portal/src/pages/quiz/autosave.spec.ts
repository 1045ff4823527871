import { ApiError, NetworkError } from '../../api/errors';
import { loadUnsent, submitKey } from './attempt-storage';
import { AttemptAutosave } from './autosave';
import type { AttemptDto, SaveResponsesBody } from './quiz-api';

/*
 * The autosave on its own, with fake timers: what reaches the server, when, with which revision,
 * and what stays on the device until the server has it.
 */

const attempt = (overrides: Partial<AttemptDto> = {}): AttemptDto => ({
  id: 'a-1',
  quizId: 'qz-1',
  number: 1,
  status: 'in_progress',
  closeReason: null,
  submittedAt: null,
  startedAt: '2026-11-23T08:00:00.000Z',
  deadlineAt: null,
  graceSeconds: 30,
  serverNow: '2026-11-23T08:00:00.000Z',
  questions: [
    { id: 'q1', type: 'short_text', stem: { text: 'Capital of Thailand?', format: 'plain' }, points: 1 },
    { id: 'q2', type: 'true_false', stem: { text: 'Water is wet', format: 'plain' }, points: 1 },
  ],
  responses: {},
  responsesRevision: 3,
  ...overrides,
});

function fakeApi() {
  const saves: SaveResponsesBody[] = [];
  const outcomes: (() => Promise<{ responsesRevision: number; savedAt: string; applied: boolean }>)[] = [];
  // The server's rule: a save numbered above the stored revision is applied, any other ignored.
  const server = { revision: 3 };
  const api = {
    saveResponses: vi.fn(async (_id: string, body: SaveResponsesBody) => {
      saves.push(structuredClone(body));
      const next = outcomes.shift();
      if (next) return next();
      const applied = body.revision > server.revision;
      if (applied) server.revision = body.revision;
      return { responsesRevision: server.revision, savedAt: new Date().toISOString(), applied };
    }),
    attempt: vi.fn(async () => attempt({ responsesRevision: 10 })),
  };
  return { api, saves, outcomes, server };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => {
  localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('waits for a pause in typing, then sends the answers numbered one above the revision the server applied', async () => {
    const { api, saves } = fakeApi();
    const autosave = new AttemptAutosave(api, attempt(), { debounceMs: 800 });
    autosave.setResponse('q1', { type: 'short_text', text: 'Bang' });
    autosave.setResponse('q1', { type: 'short_text', text: 'Bangkok' });
    expect(autosave.getState().status).toBe('saving');
    await vi.advanceTimersByTimeAsync(799);
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([{ responses: { q1: { type: 'short_text', text: 'Bangkok' } }, revision: 4 }]);
    await flush();
    expect(autosave.getState().status).toBe('saved');

    autosave.setResponse('q2', { type: 'true_false', value: true });
    await vi.advanceTimersByTimeAsync(800);
    expect(saves[1]).toEqual({ responses: { q2: { type: 'true_false', value: true } }, revision: 5 });
    autosave.dispose();
  });

  it('keeps an answer on the device until the server has it, and retries a failed save until it does', async () => {
    const { api, saves, outcomes } = fakeApi();
    outcomes.push(() => Promise.reject(new NetworkError(new TypeError('offline'))));
    outcomes.push(() => Promise.reject(new ApiError(503, null, null)));
    const autosave = new AttemptAutosave(api, attempt(), { debounceMs: 500, retryDelaysMs: [2_000, 5_000] });
    autosave.setResponse('q2', { type: 'true_false', value: false });
    expect(loadUnsent('a-1')).toEqual({ q2: { type: 'true_false', value: false } });

    await vi.advanceTimersByTimeAsync(500);
    await flush();
    expect(autosave.getState().status).toBe('retrying');
    expect(loadUnsent('a-1')).toEqual({ q2: { type: 'true_false', value: false } });

    await vi.advanceTimersByTimeAsync(2_000); // second try: 503
    await flush();
    expect(saves).toHaveLength(2);
    expect(autosave.getState().status).toBe('retrying');

    await vi.advanceTimersByTimeAsync(4_999);
    expect(saves).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // third try succeeds
    await flush();
    expect(saves).toHaveLength(3);
    expect(autosave.getState().status).toBe('saved');
    expect(loadUnsent('a-1')).toEqual({});
    autosave.dispose();
  });

  it('retries at once when the browser comes back online', async () => {
    const { api, saves, outcomes } = fakeApi();
    outcomes.push(() => Promise.reject(new NetworkError(new TypeError('offline'))));
    const autosave = new AttemptAutosave(api, attempt(), { debounceMs: 100, retryDelaysMs: [60_000] });
    autosave.setResponse('q1', { type: 'short_text', text: 'กรุงเทพ' });
    await vi.advanceTimersByTimeAsync(100);
    await flush();
    expect(autosave.getState().status).toBe('retrying');
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    await flush();
    expect(saves).toHaveLength(2);
    expect(autosave.getState().status).toBe('saved');
    autosave.dispose();
  });

  it('an answer changed while its save was on the way is sent again, not dropped', async () => {
    const { api, saves, outcomes } = fakeApi();
    let release!: () => void;
    outcomes.push(() => new Promise((resolve) => (release = () => resolve({ responsesRevision: 4, savedAt: '', applied: true }))));
    const autosave = new AttemptAutosave(api, attempt(), { debounceMs: 100 });
    autosave.setResponse('q1', { type: 'short_text', text: 'Bang' });
    await vi.advanceTimersByTimeAsync(100);
    autosave.setResponse('q1', { type: 'short_text', text: 'Bangkok' });
    release();
    await flush();
    expect(loadUnsent('a-1')).toEqual({ q1: { type: 'short_text', text: 'Bangkok' } });
    await vi.advanceTimersByTimeAsync(100);
    await flush();
    expect(saves.map((s) => s.responses.q1)).toEqual([
      { type: 'short_text', text: 'Bang' },
      { type: 'short_text', text: 'Bangkok' },
    ]);
    expect(saves[1].revision).toBe(5);
    expect(loadUnsent('a-1')).toEqual({});
    autosave.dispose();
  });

  it('after a reload, answers left on the device are shown and sent first', async () => {
    localStorage.setItem('baanrian.quiz.unsent.a-1', JSON.stringify({ q1: { type: 'short_text', text: 'เชียงใหม่' }, gone: { type: 'essay', text: 'x' } }));
    const { api, saves } = fakeApi();
    const autosave = new AttemptAutosave(api, attempt({ responses: { q2: { type: 'true_false', value: true } } }));
    expect(autosave.getState().responses).toEqual({ q1: { type: 'short_text', text: 'เชียงใหม่' }, q2: { type: 'true_false', value: true } });
    expect(autosave.getState().status).toBe('saving');
    await vi.advanceTimersByTimeAsync(0);
    // Only this attempt's questions (anything else would be refused with 422).
    expect(saves).toEqual([{ responses: { q1: { type: 'short_text', text: 'เชียงใหม่' } }, revision: 4 }]);
    autosave.dispose();
  });

  it('on a revision conflict takes the server’s revision and sends the answers again', async () => {
    const { api, saves, outcomes } = fakeApi();
    outcomes.push(() => Promise.reject(new ApiError(409, { type: 'x', title: 'Conflict', status: 409, code: 'ATTEMPT_REVISION_CONFLICT' } as never, 'en')));
    const autosave = new AttemptAutosave(api, attempt(), { debounceMs: 10, retryDelaysMs: [1_000] });
    autosave.setResponse('q2', { type: 'true_false', value: true });
    await vi.advanceTimersByTimeAsync(10);
    await flush();
    await vi.advanceTimersByTimeAsync(1_000);
    await flush();
    expect(saves.map((s) => s.revision)).toEqual([4, 11]);
    expect(autosave.getState().status).toBe('saved');
    autosave.dispose();
  });

  it('when another tab saved a higher number first, sends the ignored answers again above it', async () => {
    const { api, saves, server } = fakeApi();
    server.revision = 9; // another tab saved six times since this page loaded
    const autosave = new AttemptAutosave(api, attempt(), { debounceMs: 10 });
    autosave.setResponse('q1', { type: 'short_text', text: 'Bangkok' });
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(10);
      await flush();
    }
    expect(saves.map((s) => s.revision)).toEqual([4, 10]);
    expect(saves[1].responses).toEqual({ q1: { type: 'short_text', text: 'Bangkok' } });
    expect(autosave.getState().status).toBe('saved');
    expect(loadUnsent('a-1')).toEqual({});
    autosave.dispose();
  });

  it('stops when the server says the time is over (the attempt is closed with what was saved)', async () => {
    const { api, outcomes } = fakeApi();
    outcomes.push(() => Promise.reject(new ApiError(409, { type: 'x', title: 'Time over', status: 409, code: 'ATTEMPT_TIME_OVER' } as never, 'en')));
    const autosave = new AttemptAutosave(api, attempt(), { debounceMs: 10 });
    autosave.setResponse('q2', { type: 'true_false', value: true });
    await vi.advanceTimersByTimeAsync(10);
    await flush();
    expect(autosave.getState().closed).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.saveResponses).toHaveBeenCalledTimes(1);
    autosave.dispose();
  });

  it('gives a submit one Idempotency-Key, the same after a reload', () => {
    const key = submitKey('a-1');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitKey('a-1')).toBe(key);
    expect(submitKey('a-2')).not.toBe(key);
  });
});
