import { percentile } from '../bench.stats';
import type { VirtualLearner } from './capacity.fixture';

/** A virtual learner's journey, in order (issue 11 §4), and the token refresh the portal makes when the 10-minute access token runs out. */
export const JOURNEY_STEPS = ['sign-in', 'dashboard', 'catalog', 'course page', 'lesson', 'progress update', 'quiz start', 'autosave', 'submit', 'result', 'token refresh'] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

/** Moodle's load-test plans ramp their users in over these times; think times of 30–90 s. */
export const CAPACITY_SIZES = {
  L: { users: 1000, rampSeconds: 100 },
  XL: { users: 5000, rampSeconds: 500 },
} as const;
export type CapacitySize = keyof typeof CAPACITY_SIZES;

export interface CapacityPlan {
  baseUrl: string;
  password: string;
  users: VirtualLearner[];
  rampSeconds: number;
  thinkMinMs: number;
  thinkMaxMs: number;
}

export interface StepFigures {
  step: JourneyStep | 'all';
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export interface CapacityFigures {
  steps: StepFigures[];
  /** Every request of every step together. */
  all: StepFigures;
  /** The busiest wall-clock second, and the mean over seconds that saw any response. */
  peakRps: number;
  meanRps: number;
  /** The first failures, for the note (status or error name per step). */
  errorSample: string[];
  seconds: number;
  /** Submit (202) to a graded result, as the learner waits for it. */
  gradingDelays: number[];
}

const figuresOf = (step: StepFigures['step'], values: number[], errors: number): StepFigures => ({
  step, requests: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), errors,
});

/** Percentiles per step and overall, the peak and mean rate, and a sample of the failures. */
export function summariseSteps(
  latencies: ReadonlyMap<JourneyStep, number[]>,
  errors: readonly { step: JourneyStep; status: number | string }[],
  perSecond: readonly (number | undefined)[],
): Omit<CapacityFigures, 'seconds' | 'gradingDelays'> {
  const count = (step: JourneyStep) => errors.filter((e) => e.step === step).length;
  const steps = JOURNEY_STEPS.map((step) => figuresOf(step, latencies.get(step) ?? [], count(step)));
  const busy = perSecond.filter((n): n is number => (n ?? 0) > 0);
  const sample = [...new Set(errors.map((e) => `${e.step}: ${e.status}`))].slice(0, 8);
  return {
    steps,
    all: figuresOf('all', [...latencies.values()].flat(), errors.length),
    peakRps: busy.length ? Math.max(...busy) : 0,
    meanRps: busy.length ? busy.reduce((a, b) => a + b, 0) / busy.length : 0,
    errorSample: sample,
  };
}

/** "30-90" (seconds) → [30000, 90000] ms; throws on anything else. */
export function parseThinkTimes(text: string): [number, number] {
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!match || Number(match[1]) > Number(match[2])) throw new Error(`BENCH_CAPACITY_THINK must look like "30-90" (seconds, min-max), not "${text}"`);
  return [Number(match[1]) * 1000, Number(match[2]) * 1000];
}
