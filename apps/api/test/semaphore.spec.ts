import { Semaphore } from '../src/accounts/semaphore';

describe('Semaphore (bounds concurrent password hashing)', () => {
  it('runs at most `size` tasks at once, the rest in order, and releases on failure', async () => {
    const gate = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      order.push(i);
      if (i === 1) throw new Error('boom');
      return i;
    };
    const results = await Promise.allSettled(Array.from({ length: 7 }, (_, i) => gate.run(task(i))));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect([gate.running, gate.queued]).toEqual([0, 0]);
  });

  it('refuses a size below one', () => {
    expect(() => new Semaphore(0)).toThrow();
  });
});
