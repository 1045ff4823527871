import '../testing/dom-polyfills';
import { hydrate } from '@tanstack/react-query';
import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import App from '../app/app';
import { createAppDependencies } from '../app/dependencies';
import { AppProviders } from '../app/providers';
import { preloadPage } from '../routing/routes';
import { course, courseList, coursePage } from '../testing/render-app';
import { readSsrState } from './ssr-state';
import { renderCoursePage, renderStartPage } from './start-page.server';

const elderly = course({ title: { th: 'สมาร์ตโฟนสำหรับผู้สูงอายุ', en: 'Smartphones for older learners' }, targetGroups: ['elderly'] });
const youth = course({ title: { th: 'เขียนโค้ดเบื้องต้น', en: 'First steps in code' }, targetGroups: ['youth'] });

/** Puts server-rendered markup and its state into the page, as the API's response does. */
function serve(html: string, state: string, url: string) {
  window.history.replaceState(null, '', url);
  document.body.innerHTML = `<div id="root">${html}</div><script type="application/json" id="baanrian-ssr-state">${state}</script>`;
  return document.getElementById('root') as HTMLElement;
}

describe('server rendering of the start page', () => {
  beforeEach(() => localStorage.clear());

  it('renders the catalogue, in the requested language, with the title and the state to hydrate from', async () => {
    const page = await renderStartPage({ url: '/', locale: 'en', courses: courseList([elderly, youth]) });
    expect(page.title).toBe('All courses · บ้านเรียน Baanrian');
    expect(page.html).toContain('<h1>Find a course</h1>');
    expect(page.html).toContain('Smartphones for older learners');
    expect(page.html).toContain('First steps in code');
    expect(page.html).toContain('2 courses shown');
    const root = serve(page.html, page.state, '/');
    expect(root.querySelectorAll('article')).toHaveLength(2);
    expect(readSsrState()).toMatchObject({ locale: 'en', url: '/' });
  });

  it('keeps the target group of the URL, and escapes the state so no course text can close its script element', async () => {
    const sneaky = course({ title: { th: '</script><script>alert(1)</script>', en: 'x' }, targetGroups: ['elderly'] });
    const page = await renderStartPage({ url: '/?targetGroup=elderly', locale: 'th', courses: courseList([elderly, sneaky]) });
    expect(page.state).not.toContain('</script>');
    expect(JSON.parse(page.state).queries.queries[0].queryKey).toEqual(['courses', 'list', { targetGroup: 'elderly' }]);
    expect(page.html).toMatch(/<a aria-current="page" href="\/\?targetGroup=elderly"/);
    expect(page.html).not.toContain('<script>alert(1)');
  });

  it('renders concurrent requests each for its own URL', async () => {
    const [all, elderlyOnly] = await Promise.all([
      renderStartPage({ url: '/', locale: 'th', courses: courseList([elderly, youth]) }),
      renderStartPage({ url: '/?targetGroup=elderly', locale: 'th', courses: courseList([elderly]) }),
    ]);
    expect(all.html).not.toMatch(/aria-current="page" href="\/\?targetGroup/);
    expect(all.html).toContain('เขียนโค้ดเบื้องต้น');
    expect(elderlyOnly.html).toMatch(/<a aria-current="page" href="\/\?targetGroup=elderly"/);
    expect(elderlyOnly.html).not.toContain('กำลังโหลด');
  });

  it('hydrates in the browser without a mismatch and without fetching the catalogue again', async () => {
    const page = await renderStartPage({ url: '/?targetGroup=elderly', locale: 'th', courses: courseList([elderly]) });
    const root = serve(page.html, page.state, '/?targetGroup=elderly');
    const heading = root.querySelector('h1');
    const fetch = vi.fn(async () => new Response('{}', { status: 500 }));
    const dependencies = createAppDependencies({ baseUrl: 'http://portal.test', fetch: fetch as unknown as typeof globalThis.fetch });
    const ssr = readSsrState();
    if (!ssr) throw new Error('no state in the page');
    hydrate(dependencies.queryClient, ssr.queries);
    await preloadPage('/');

    const mismatches: unknown[] = [];
    await act(async () => {
      hydrateRoot(
        root,
        <AppProviders dependencies={dependencies}>
          <App />
        </AppProviders>,
        { onRecoverableError: (error) => mismatches.push(error) },
      );
    });

    expect(mismatches).toEqual([]);
    expect(root.querySelector('h1')).toBe(heading); // the same node: adopted, not repainted
    expect(root.querySelector('article h2')?.textContent).toBe('สมาร์ตโฟนสำหรับผู้สูงอายุ');
    expect(document.documentElement.dataset['appReady']).toBe('');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('server rendering of a course page', () => {
  beforeEach(() => localStorage.clear());

  it('renders the course readable without scripts, escapes its text, and hydrates without a mismatch or a fetch', async () => {
    const page = coursePage({
      slug: 'smartphones',
      title: { th: 'สมาร์ตโฟนสำหรับผู้สูงอายุ <img src=x onerror=alert(1)>' },
      summary: { th: 'ใช้ LINE และถ่ายรูป' },
      startsAt: '2026-10-05T02:00:00.000Z',
    });
    const rendered = await renderCoursePage({ url: '/courses/smartphones', locale: 'th', course: page });
    expect(rendered.title).toBe('สมาร์ตโฟนสำหรับผู้สูงอายุ <img src=x onerror=alert(1)> · บ้านเรียน Baanrian');
    expect(rendered.html).toContain('<h1 id="course-title" lang="th">สมาร์ตโฟนสำหรับผู้สูงอายุ &lt;img src=x onerror=alert(1)&gt;</h1>');
    expect(rendered.html).toContain('ใช้ LINE และถ่ายรูป');
    expect(rendered.html).toContain('(ปีงบประมาณ 2570)');
    expect(rendered.state).not.toContain('<img');

    const root = serve(rendered.html, rendered.state, '/courses/smartphones');
    const heading = root.querySelector('h1');
    const fetch = vi.fn(async () => new Response('{}', { status: 500 }));
    const dependencies = createAppDependencies({ baseUrl: 'http://portal.test', fetch: fetch as unknown as typeof globalThis.fetch });
    const ssr = readSsrState();
    if (!ssr) throw new Error('no state in the page');
    hydrate(dependencies.queryClient, ssr.queries);
    await preloadPage('/courses/smartphones');
    const mismatches: unknown[] = [];
    await act(async () => {
      hydrateRoot(
        root,
        <AppProviders dependencies={dependencies}>
          <App />
        </AppProviders>,
        { onRecoverableError: (error) => mismatches.push(error) },
      );
    });
    expect(mismatches).toEqual([]);
    expect(root.querySelector('h1')).toBe(heading);
    expect(fetch).not.toHaveBeenCalled();
  });
});
