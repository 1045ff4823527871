import './dom-polyfills';
import { vi } from 'vitest';
import { render } from '@testing-library/react';
import type { CatalogCoursePage, CatalogCourseSummary, CatalogList, Problem } from '@baanrian/api-client';
import App from '../app/app';
import { createAppDependencies } from '../app/dependencies';
import { AppProviders } from '../app/providers';

type FetchHandler = (request: Request) => Response | Promise<Response>;

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

/** One page of `GET /api/v1/catalog`. */
export const courseList = (items: CatalogCourseSummary[], nextCursor: string | null = null): CatalogList => ({ items, nextCursor });

export const problem = (overrides: Partial<Problem> = {}): Problem => ({
  type: 'urn:baanrian:problem:internal',
  title: 'เกิดข้อผิดพลาดภายในระบบ',
  status: 500,
  code: 'INTERNAL',
  instance: '/api/v1/catalog',
  requestId: 'req-123',
  ...overrides,
});

let nextId = 1;
export function course(overrides: Partial<CatalogCourseSummary> = {}): CatalogCourseSummary {
  const n = nextId++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    slug: `course-${n}`,
    title: { th: `หลักสูตรที่ ${n}`, en: `Course ${n}` },
    summary: { th: `สรุปหลักสูตรที่ ${n}`, en: `Summary of course ${n}` },
    language: 'th',
    targetGroups: ['general_public'],
    format: 'self_paced',
    categorySlug: null,
    tags: [],
    coverImageUrl: null,
    startsAt: null,
    endsAt: null,
    enrollmentClosesAt: null,
    fiscalYear: 2568,
    learningHours: null,
    publishedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A public course page (`GET /api/v1/catalog/{slug}`). */
export function coursePage(overrides: Partial<CatalogCoursePage> = {}): CatalogCoursePage {
  return {
    ...course(),
    version: 1,
    description: { th: '' },
    descriptionHtml: { th: '' },
    category: null,
    capacity: null,
    enrollmentOpensAt: null,
    sequential: false,
    instructors: [],
    modules: [],
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * Renders the whole portal at `url` with the real providers and api-client; only `fetch`
 * (the network edge) is faked. Every request is recorded in `requests`.
 */
export function renderApp({ url = '/', handler }: { url?: string; handler: FetchHandler }) {
  window.history.replaceState(null, '', url);
  const requests: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    return handler(request);
  });
  const dependencies = createAppDependencies({
    baseUrl: 'http://portal.test',
    fetch: fetch as unknown as typeof globalThis.fetch,
    retryDelay: () => 0,
    // No cross-tab channel: tests in one process must not hear each other's sign-outs.
    sessionOptions: { channel: null },
  });
  const view = render(
    <AppProviders dependencies={dependencies}>
      <App />
    </AppProviders>,
  );
  return { ...view, fetch, requests, dependencies };
}

/** The `targetGroup` query parameter of a recorded request (null when absent). */
export const targetGroupOf = (request: Request) => new URL(request.url).searchParams.get('targetGroup');
