import { isTransientLighthouseError } from './support/lighthouse';

/** Which Lighthouse failures are run again: only a lost trace, never a page that fails to paint. */
it('repeats a run whose trace Lighthouse lost, and fails at once on a page that does not paint', () => {
  const lostTrace = new Error(
    'Lighthouse failed on http://127.0.0.1:45327/: Command failed: lighthouse …\n' +
      'Runtime error encountered: Something went wrong with recording the trace over your page load. Please run Lighthouse again. (NO_NAVSTART)',
  );
  const reportedLostTrace = new Error('Lighthouse runtime error on http://127.0.0.1:1/: NO_NAVSTART Something went wrong');
  const noPaint = new Error('Lighthouse runtime error on http://127.0.0.1:1/: NO_FCP The page did not paint any content.');
  const refused = new Error('Lighthouse failed on http://127.0.0.1:1/: Command failed … (ERRORED_DOCUMENT_REQUEST)');
  expect([lostTrace, reportedLostTrace, noPaint, refused].map(isTransientLighthouseError)).toEqual([true, true, false, false]);
});
