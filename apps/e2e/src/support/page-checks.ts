import type { Page } from 'playwright-core';
import { axeViolations, horizontalOverflow } from './browser';

/**
 * What every page must have (issue 4): no axe WCAG 2.2 A/AA violation, exactly one h1, the
 * landmark regions, a skip link, and no sideways scrolling. Returns the problems found (none = []).
 */
export async function pageProblems(page: Page): Promise<string[]> {
  const problems = await axeViolations(page);
  if ((await page.getByRole('heading', { level: 1 }).count()) !== 1) problems.push('not exactly one h1');
  for (const landmark of ['banner', 'main', 'contentinfo', 'navigation'] as const) {
    if ((await page.getByRole(landmark).count()) === 0) problems.push(`no ${landmark} landmark`);
  }
  if (!(await page.locator('a[href="#main"]').count())) problems.push('no skip link');
  const overflow = await horizontalOverflow(page);
  if (overflow.scrollWidth > overflow.viewport) problems.push(`scrolls sideways: ${overflow.offenders.join('; ')}`);
  return problems;
}

/** The two views every route is checked in: a Thai phone and an English desktop. */
export const A11Y_VIEWS = [
  { name: '360 px, Thai', viewport: { width: 360, height: 740 }, locale: 'th' },
  { name: '1280 px, English', viewport: { width: 1280, height: 800 }, locale: 'en' },
] as const;
export type A11yView = (typeof A11Y_VIEWS)[number];
