import type { RenderCoursePage } from '@baanrian/contracts';
import type { CatalogCoursePageDto } from '../catalog/catalog.dto';
import { CoursePageHtml, courseShareTags } from './course-page.renderer';

const TEMPLATE = `<!DOCTYPE html>
<html lang="th">
  <head>
    <title>บ้านเรียน Baanrian</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="preload" as="fetch" href="/api/v1/catalog?limit=50" crossorigin="anonymous">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const XSS = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

function course(overrides: Partial<CatalogCoursePageDto> = {}): CatalogCoursePageDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    slug: 'computer-for-elderly',
    version: 3,
    title: { th: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ', en: 'Computer basics for older adults' },
    summary: { th: 'เปิดเครื่อง ใช้เมาส์ และส่งอีเมลถึงลูกหลาน', en: 'Switch on, use a mouse, email the family' },
    description: { th: '## หัวข้อ\n\nข้อความ' },
    descriptionHtml: { th: '<h2>หัวข้อ</h2><p>ข้อความ</p>' },
    language: 'th',
    targetGroups: ['elderly'],
    format: 'onsite_workshop',
    categorySlug: null,
    category: null,
    tags: [],
    coverImageUrl: '/api/v1/media/11111111-1111-4111-8111-111111111111',
    startsAt: null,
    endsAt: null,
    enrollmentClosesAt: null,
    enrollmentOpensAt: null,
    fiscalYear: 2569,
    learningHours: null,
    capacity: null,
    sequential: false,
    instructors: [],
    modules: [],
    publishedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('the share card tags of a course page', () => {
  it('carry the title, description, canonical URL, image and locale of the page language', () => {
    const { title, head } = courseShareTags(course(), 'en', 'https://learn.example.org');
    expect(title).toBe('Computer basics for older adults');
    expect(head).toContain('<link rel="canonical" href="https://learn.example.org/courses/computer-for-elderly">');
    expect(head).toContain('<meta property="og:title" content="Computer basics for older adults">');
    expect(head).toContain('<meta name="description" content="Switch on, use a mouse, email the family">');
    expect(head).toContain('<meta property="og:url" content="https://learn.example.org/courses/computer-for-elderly">');
    expect(head).toContain('<meta property="og:type" content="website">');
    expect(head).toContain('<meta property="og:locale" content="en_US">');
    expect(head).toContain('<meta property="og:image" content="https://learn.example.org/api/v1/media/11111111-1111-4111-8111-111111111111">');
    expect(head).toContain('<meta name="twitter:card" content="summary_large_image">');
  });

  it('fall back to Thai text, a plain-text description, and a small card without a cover', () => {
    const { head } = courseShareTags(course({ summary: { th: '' }, coverImageUrl: null }), 'vi', 'https://learn.example.org');
    expect(head).toContain('<meta property="og:title" content="การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ">');
    expect(head).toContain('<meta name="description" content="หัวข้อ');
    expect(head).toContain('<meta property="og:locale" content="vi_VN">');
    expect(head).not.toContain('og:image');
    expect(head).toContain('<meta name="twitter:card" content="summary">');
  });

  it('keep script and markup in a title inert inside attributes', () => {
    const { head } = courseShareTags(course({ title: { th: XSS }, summary: { th: XSS } }), 'th', 'https://learn.example.org');
    expect(head).not.toContain('<script');
    expect(head).not.toContain('<img');
    expect(head).toContain('content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the server-rendered course page', () => {
  it('puts the rendered page, its title, the card tags and the state into the shell', async () => {
    const render = jest.fn<ReturnType<RenderCoursePage>, Parameters<RenderCoursePage>>(async ({ url, locale }) => ({
      html: `<h1>${locale} ${url}</h1>`,
      title: `${XSS} · Baanrian`,
      state: '{"locale":"th"}',
    }));
    const page = await new CoursePageHtml(TEMPLATE, render, 'https://learn.example.org').html('/courses/computer-for-elderly', 'th', course());
    expect(page).toContain('<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; · Baanrian</title>');
    expect(page).toContain('<meta property="og:title"');
    expect(page).toContain('<div id="root"><h1>th /courses/computer-for-elderly</h1></div>');
    expect(page).not.toContain('as="fetch"');
    expect(page).not.toContain('<script type="module"');
  });

  it("inserts course text as it is: `$&`, `$'` and `$\`` in a title or summary never copy pieces of the shell into the page", async () => {
    const DOLLARS = "A$&B$'C$`D";
    const render: RenderCoursePage = async () => ({ html: `<h1>${DOLLARS}</h1>`, title: DOLLARS, state: '{"t":"$\'"}' });
    const page = await new CoursePageHtml(TEMPLATE, render, 'https://learn.example.org').html('/courses/x', 'th', course({ summary: { th: DOLLARS } }));
    expect(page.match(/<html/g)).toHaveLength(1);
    expect(page.match(/<div id="root">/g)).toHaveLength(1);
    const escaped = DOLLARS.replace('&', '&amp;');
    expect(page).toContain(`<title>${escaped}</title>`);
    expect(page).toContain(`<meta name="description" content="${escaped}">`);
    expect(page).toContain(`<div id="root"><h1>${DOLLARS}</h1></div><script type="application/json" id="baanrian-ssr-state">{"t":"$'"}</script>`);
  });
});
