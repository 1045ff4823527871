/* eslint-disable */
/**
 * The fault suite (issue 12 §2): `npm run test:faults`. Not part of `npm test`: each file starts
 * its own multi-process stack (tools/faults/fault.stack.ts), so the files run one at a time.
 */
export default {
  displayName: 'faults',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // One at a time (jest runs in band with one worker): two stacks would fight over 2 cores.
  maxWorkers: 1,
  // Starting a stack (build, PostgreSQL, Redis, 5 processes) takes 30-90 s on a busy 2-core machine;
  // a scenario waits for recoveries of up to a minute.
  testTimeout: 5 * 60_000,
};
