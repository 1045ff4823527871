import { PROGRESS_QUEUE_KEY, ProgressQueue, type ProgressSender, type QueuedProgress, type QueueStorage } from './progress-queue';

/*
 * The offline progress queue against a fake API that behaves like the contract's
 * PUT /learning/lessons/{id}/progress: percent only rises, completed sticks. Storage, timers and
 * the online flag are fakes, so "reload the page" is simply a new queue over the same storage.
 */

function fakeStorage(): QueueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

function fakeTimers() {
  const timers: { run: () => void; ms: number }[] = [];
  return {
    timers,
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => void timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1),
    fire: () => timers.shift()?.run(),
  };
}

/** The API: keeps the highest percent per lesson; `offline` = no response. */
function fakeApi() {
  const state = new Map<string, { percent: number; completed: boolean; position?: number }>();
  const received: QueuedProgress[] = [];
  const api = {
    offline: false,
    refuse: new Set<string>(),
    state,
    received,
    send: (async (item) => {
      if (api.offline) return null;
      received.push(item);
      if (api.refuse.has(item.lessonId)) return { status: 409 };
      const now = state.get(item.lessonId) ?? { percent: 0, completed: false };
      state.set(item.lessonId, {
        percent: Math.max(now.percent, item.percent ?? 0),
        completed: now.completed || item.completed === true || (item.percent ?? 0) >= 90,
        position: item.positionSeconds ?? now.position,
      });
      return { status: 200 };
    }) as ProgressSender,
  };
  return api;
}

let n = 0;
const update = (lessonId: string, extra: Partial<QueuedProgress> = {}) => ({
  lessonId,
  courseId: 'c-1',
  occurredAt: new Date(Date.UTC(2026, 10, 23, 7, 0, n++)).toISOString(),
  ...extra,
});

function setup(storage = fakeStorage(), online = { value: true }) {
  const timers = fakeTimers();
  let id = 0;
  const queue = new ProgressQueue({ storage, setTimer: timers.setTimer, clearTimer: timers.clearTimer, isOnline: () => online.value, newId: () => `u-${++id}-${Math.random()}` });
  return { queue, timers, storage, online };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('progress queue', () => {
  it('stores an update before sending it and forgets it once the API has it', async () => {
    const { queue, storage } = setup();
    const api = fakeApi();
    queue.add(update('l-1', { completed: true }));
    // Not started yet: kept in storage, nothing sent.
    expect(JSON.parse(storage.getItem(PROGRESS_QUEUE_KEY) ?? 'null')).toHaveLength(1);
    queue.start(api.send);
    await queue.flush();
    expect(api.state.get('l-1')).toMatchObject({ completed: true });
    expect(queue.pending()).toEqual([]);
    expect(JSON.parse(storage.getItem(PROGRESS_QUEUE_KEY) ?? 'null')).toEqual([]);
  });

  it('keeps updates made offline, retries with backoff, and replays them in order when back online', async () => {
    const online = { value: false };
    const { queue, timers } = setup(fakeStorage(), online);
    const api = fakeApi();
    queue.start(api.send);
    queue.add(update('l-1', { completed: true }));
    queue.add(update('l-2', { percent: 40, positionSeconds: 120 }));
    queue.add(update('l-3', { completed: true }));
    await settle();
    expect(api.received).toHaveLength(0);
    expect(queue.pending().map((item) => item.lessonId)).toEqual(['l-1', 'l-2', 'l-3']);

    // The flag says online but the link is dead: no response, so retry later, doubling the wait.
    online.value = true;
    api.offline = true;
    queue.online();
    await settle();
    expect(timers.timers.map((t) => t.ms)).toEqual([1_000]);
    timers.fire();
    await settle();
    expect(timers.timers.map((t) => t.ms)).toEqual([2_000]);
    expect(queue.pending()).toHaveLength(3);

    // Back for real: the `online` event replays at once, in order.
    api.offline = false;
    queue.online();
    await queue.flush();
    expect(timers.timers).toEqual([]);
    expect(api.received.map((item) => item.lessonId)).toEqual(['l-1', 'l-2', 'l-3']);
    expect(api.state.get('l-2')).toMatchObject({ percent: 40, position: 120 });
    expect(queue.pending()).toEqual([]);
  });

  it('merges consecutive updates of one lesson (highest percent, latest position), never the one being sent', async () => {
    const { queue } = setup();
    queue.add(update('l-1', { percent: 30, positionSeconds: 90 }));
    queue.add(update('l-1', { percent: 20, positionSeconds: 60 })); // rewound: percent stays 30
    queue.add(update('l-1', { percent: 55, positionSeconds: 165 }));
    expect(queue.pending()).toHaveLength(1);
    expect(queue.pending()[0]).toMatchObject({ percent: 55, positionSeconds: 165 });

    queue.add(update('l-2', { completed: true }));
    queue.add(update('l-1', { percent: 70 }));
    expect(queue.pending().map((item) => item.lessonId)).toEqual(['l-1', 'l-2', 'l-1']);

    let release!: (value: { status: number }) => void;
    const slow: ProgressSender = () => new Promise((resolve) => (release = resolve));
    queue.start(slow);
    await settle();
    // The first item is on its way; an update for another lesson is queued behind the rest.
    queue.add(update('l-3', { completed: true }));
    expect(queue.pending()).toHaveLength(4);
    release({ status: 200 });
  });

  it('loses nothing and applies nothing twice when the page reloads in the middle of a replay', async () => {
    const storage = fakeStorage();
    const api = fakeApi();
    const first = setup(storage, { value: false });
    first.queue.add(update('l-1', { percent: 50, positionSeconds: 300 }));
    first.queue.add(update('l-2', { completed: true }));
    first.queue.add(update('l-3', { percent: 95 }));

    // Back online: the API applies l-1, but the page is reloaded before the answer arrives.
    let applied = 0;
    const reloadsMidway: ProgressSender = async (item) => {
      await api.send(item);
      applied++;
      return new Promise(() => undefined); // never answers: the page is gone
    };
    first.online.value = true;
    first.queue.start(reloadsMidway);
    await settle();
    expect(applied).toBe(1);
    first.queue.stop();

    // The new page view reads the same storage: all three are still there, l-1 with its id.
    const second = setup(storage);
    const ids = second.queue.pending().map((item) => item.id);
    expect(second.queue.pending().map((item) => item.lessonId)).toEqual(['l-1', 'l-2', 'l-3']);
    second.queue.start(api.send);
    await second.queue.flush();

    // l-1 went twice with the same Idempotency-Key; the API kept one result.
    expect(api.received.map((item) => item.lessonId)).toEqual(['l-1', 'l-1', 'l-2', 'l-3']);
    expect(api.received[0].id).toBe(ids[0]);
    expect(api.received[1].id).toBe(ids[0]);
    expect(api.state.get('l-1')).toEqual({ percent: 50, completed: false, position: 300 });
    expect(api.state.get('l-2')?.completed).toBe(true);
    expect(api.state.get('l-3')).toMatchObject({ percent: 95, completed: true });
    expect(second.queue.pending()).toEqual([]);
  });

  it('moves a refused update (e.g. a locked lesson) aside and goes on with the next', async () => {
    const { queue } = setup();
    const api = fakeApi();
    api.refuse.add('l-locked');
    queue.add(update('l-locked', { completed: true }));
    queue.add(update('l-1', { completed: true }));
    queue.start(api.send);
    await queue.flush();
    expect(queue.pending()).toEqual([]);
    expect(queue.failed().map((item) => [item.lessonId, item.status])).toEqual([['l-locked', 409]]);
    expect(api.state.get('l-1')?.completed).toBe(true);
    queue.dismissFailed();
    expect(queue.failed()).toEqual([]);
  });

  it('tells subscribers when the number of waiting updates changes', async () => {
    const { queue } = setup(fakeStorage(), { value: false });
    const counts: number[] = [];
    queue.subscribe(() => counts.push(queue.pending().length));
    queue.add(update('l-1', { completed: true }));
    queue.add(update('l-2', { completed: true }));
    expect(counts).toEqual([1, 2]);
  });
});
