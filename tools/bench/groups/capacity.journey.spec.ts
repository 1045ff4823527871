import { JOURNEY_STEPS, type JourneyStep, parseThinkTimes, summariseSteps } from './capacity.journey';

describe('capacity run figures', () => {
  it('gives percentiles per step and over every request, counts failures per step, and finds the busiest second', () => {
    const latencies = new Map<JourneyStep, number[]>(JOURNEY_STEPS.map((s) => [s, []]));
    latencies.set('sign-in', [40, 60, 80, 100]);
    latencies.set('catalog', Array.from({ length: 96 }, (_, i) => i % 10 === 0 ? 30 : 2));
    const figures = summariseSteps(latencies, [{ step: 'submit', status: 503 }, { step: 'submit', status: 503 }, { step: 'result', status: 'TimeoutError' }], [3, undefined, 7, 0, 5]);
    expect(figures.steps.find((s) => s.step === 'sign-in')).toMatchObject({ requests: 4, p50: 60, p95: 100, p99: 100, errors: 0 });
    expect(figures.steps.find((s) => s.step === 'submit')).toMatchObject({ requests: 0, errors: 2 });
    // 100 requests: the 4 sign-ins are the slowest, so the overall p95 is a catalog outlier (30 ms), p99 a sign-in.
    expect(figures.all).toMatchObject({ requests: 100, p50: 2, p95: 30, p99: 80, errors: 3 });
    expect(figures.peakRps).toBe(7);
    expect(figures.meanRps).toBe(5);
    expect(figures.errorSample).toEqual(['submit: 503', 'result: TimeoutError']);
  });

  it('reads think times as "min-max" seconds and refuses anything else', () => {
    expect(parseThinkTimes('30-90')).toEqual([30_000, 90_000]);
    expect(parseThinkTimes(' 0.5-2 ')).toEqual([500, 2000]);
    expect(() => parseThinkTimes('90-30')).toThrow(/30-90/);
    expect(() => parseThinkTimes('60')).toThrow(/30-90/);
  });
});
