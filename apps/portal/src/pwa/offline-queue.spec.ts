import { memoryStorage, OfflineQueue, type QueuedRequest, type Sender, type SendResult, startOfflineQueue } from './offline-queue';

/** A fake API at the machine's edge: answers each request with the next scripted result. */
function scriptedSender(results: (SendResult | 'network-error')[]) {
  const calls: { request: QueuedRequest; headers: Record<string, string> }[] = [];
  const send: Sender = async (request, headers) => {
    calls.push({ request, headers });
    const next = results.length > 0 ? (results.shift() as SendResult | 'network-error') : { status: 200 };
    if (next === 'network-error') throw new TypeError('Failed to fetch');
    return next;
  };
  return { send, calls };
}

describe('OfflineQueue', () => {
  it('keeps writes across a reload: a new queue on the same storage sees them, in order', () => {
    const storage = memoryStorage();
    const first = new OfflineQueue(storage, () => 1000);
    first.enqueue({ method: 'POST', path: '/api/v1/a', body: { text: 'สวัสดี' } });
    first.enqueue({ method: 'PUT', path: '/api/v1/b' });

    const afterReload = new OfflineQueue(storage);
    expect(afterReload.pending()).toEqual([
      { id: expect.any(String), method: 'POST', path: '/api/v1/a', body: { text: 'สวัสดี' }, createdAt: 1000 },
      { id: expect.any(String), method: 'PUT', path: '/api/v1/b', createdAt: 1000 },
    ]);
  });

  it('persists in localStorage by default', () => {
    localStorage.clear();
    new OfflineQueue().enqueue({ method: 'POST', path: '/api/v1/x', body: 1 });
    expect(new OfflineQueue().pending()).toHaveLength(1);
    localStorage.clear();
  });

  it('replays in the order the writes were made, each with its id as Idempotency-Key', async () => {
    const queue = new OfflineQueue(memoryStorage());
    const a = queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    const b = queue.enqueue({ method: 'PATCH', path: '/api/v1/b', body: { n: 2 } });
    const c = queue.enqueue({ method: 'DELETE', path: '/api/v1/c' });
    const api = scriptedSender([{ status: 201 }, { status: 200 }, { status: 204 }]);

    expect(await queue.flush(api.send)).toEqual({ sent: 3, failed: 0, remaining: 0 });
    expect(api.calls.map((call) => call.request.path)).toEqual(['/api/v1/a', '/api/v1/b', '/api/v1/c']);
    expect(api.calls.map((call) => call.headers)).toEqual([a, b, c].map((item) => ({ 'Idempotency-Key': item.id })));
    expect(queue.pending()).toEqual([]);
  });

  it('keeps the write on a network error, stops there so nothing overtakes it, and sends it with the same key later', async () => {
    const storage = memoryStorage();
    const queue = new OfflineQueue(storage);
    const a = queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    queue.enqueue({ method: 'POST', path: '/api/v1/b' });
    const offline = scriptedSender(['network-error']);

    expect(await queue.flush(offline.send)).toEqual({ sent: 0, failed: 0, remaining: 2 });
    expect(offline.calls).toHaveLength(1);
    expect(new OfflineQueue(storage).pending().map((item) => item.path)).toEqual(['/api/v1/a', '/api/v1/b']);

    const online = scriptedSender([]);
    expect(await queue.flush(online.send)).toEqual({ sent: 2, failed: 0, remaining: 0 });
    expect(online.calls[0].headers).toEqual({ 'Idempotency-Key': a.id });
  });

  it.each([500, 502, 503, 408, 429])('keeps the write when the API answers %i (try again later)', async (status) => {
    const queue = new OfflineQueue(memoryStorage());
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    expect(await queue.flush(scriptedSender([{ status }]).send)).toEqual({ sent: 0, failed: 0, remaining: 1 });
    expect(queue.failed()).toEqual([]);
  });

  it('treats a sender answering null as a network error', async () => {
    const queue = new OfflineQueue(memoryStorage());
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    expect(await queue.flush(scriptedSender([null]).send)).toMatchObject({ remaining: 1 });
  });

  it('moves a write the API refuses (4xx) to the failed list, kept across reloads, and goes on with the next', async () => {
    const storage = memoryStorage();
    const queue = new OfflineQueue(storage, () => 5000);
    const refused = queue.enqueue({ method: 'POST', path: '/api/v1/a', body: { bad: true } });
    queue.enqueue({ method: 'POST', path: '/api/v1/b' });

    expect(await queue.flush(scriptedSender([{ status: 422 }, { status: 201 }]).send)).toEqual({ sent: 1, failed: 1, remaining: 0 });
    expect(new OfflineQueue(storage).failed()).toEqual([{ ...refused, status: 422, failedAt: 5000 }]);

    queue.dismissFailed([refused.id]);
    expect(new OfflineQueue(storage).failed()).toEqual([]);
  });

  it('shares one replay between concurrent flushes (nothing is sent twice)', async () => {
    const queue = new OfflineQueue(memoryStorage());
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    const api = scriptedSender([]);
    const [one, two] = await Promise.all([queue.flush(api.send), queue.flush(api.send)]);
    expect(one).toBe(two);
    expect(api.calls).toHaveLength(1);
  });

  it('sends a write enqueued during a replay after the ones before it', async () => {
    const queue = new OfflineQueue(memoryStorage());
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    const paths: string[] = [];
    const send: Sender = async (request) => {
      paths.push(request.path);
      if (request.path === '/api/v1/a') queue.enqueue({ method: 'POST', path: '/api/v1/late' });
      return { status: 200 };
    };
    await queue.flush(send);
    expect(paths).toEqual(['/api/v1/a', '/api/v1/late']);
  });

  it('notifies subscribers and keeps snapshots stable between changes', () => {
    const queue = new OfflineQueue(memoryStorage());
    const listener = vi.fn();
    const unsubscribe = queue.subscribe(listener);
    const before = queue.pending();
    expect(queue.pending()).toBe(before);
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(queue.pending()).not.toBe(before);
    unsubscribe();
    queue.enqueue({ method: 'POST', path: '/api/v1/b' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('survives corrupt or unavailable storage without throwing', () => {
    const broken = { getItem: () => '{not json', setItem: () => { throw new Error('QuotaExceededError'); } };
    const queue = new OfflineQueue(broken);
    expect(queue.pending()).toEqual([]);
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    expect(queue.pending()).toHaveLength(1); // kept in memory for the session
  });
});

describe('startOfflineQueue', () => {
  it('replays on start and again when the browser comes back online', async () => {
    const queue = new OfflineQueue(memoryStorage());
    queue.enqueue({ method: 'POST', path: '/api/v1/a' });
    const api = scriptedSender(['network-error']);
    const stop = startOfflineQueue(queue, api.send);
    await vi.waitFor(() => expect(api.calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the failed replay settles
    expect(queue.pending()).toHaveLength(1);

    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(queue.pending()).toEqual([]));
    expect(api.calls).toHaveLength(2);
    stop();
  });
});
