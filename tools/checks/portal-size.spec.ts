import path from 'node:path';
import { BUDGET_BYTES, formatPortalSize, initialScripts, measurePortal } from '../scripts/portal-size';

/**
 * Learners are on cheap phones over weak connections: the JavaScript the first page needs stays
 * within 150 KB gzipped. Measures the build `npm test` made (`npm run size:portal` prints the table).
 */
const distDir = path.resolve(__dirname, '../../dist/apps/portal');

it('measures the entry, its modulepreloads and its static imports', () => {
  const files = initialScripts(distDir);
  expect(files.length).toBeGreaterThan(0);
  expect(files.every((file) => file.startsWith('assets/') && file.endsWith('.js'))).toBe(true);
});

it(`keeps the initial-route JavaScript within ${BUDGET_BYTES / 1024} KB gzipped`, () => {
  const size = measurePortal(distDir);
  console.log(formatPortalSize(size));
  expect(size.totalGzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
});
