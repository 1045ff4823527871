import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { vi } from 'vitest';
import { coursePage, json, problem, renderApp } from '../../testing/render-app';

// The first render of a lazy page transforms its modules: slow on a busy machine, not a failure.
vi.setConfig({ testTimeout: 20_000 });

const workshop = coursePage({
  slug: 'computer-for-elderly',
  title: { th: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ', en: 'Computer basics for older adults' },
  summary: { th: 'เปิดเครื่อง ใช้เมาส์ และส่งอีเมล', en: 'Switch on, use a mouse, send email' },
  descriptionHtml: { th: '<h2>เรียนอะไร</h2><p>ใช้ <strong>เมาส์</strong></p>', en: '<p>Use a <strong>mouse</strong></p>' },
  format: 'onsite_workshop',
  targetGroups: ['elderly'],
  startsAt: '2026-10-05T02:00:00.000Z',
  endsAt: '2026-10-06T09:00:00.000Z',
  enrollmentClosesAt: '2026-09-28T16:59:00.000Z',
  fiscalYear: 2570,
  capacity: 30,
  learningHours: 12,
  instructors: [{ displayName: 'ครูสมศรี ใจดี' }],
  category: { slug: 'digital-skills', name: { th: 'ทักษะดิจิทัล', en: 'Digital skills' } },
  modules: [
    {
      id: 'm1',
      title: 'ภาคปฏิบัติ',
      lessons: [
        { id: 'l1', type: 'live_session', title: 'ถาม-ตอบออนไลน์', required: false, durationMinutes: 60, session: { kind: 'live_session', startsAt: '2026-10-04T12:00:00.000Z', endsAt: '2026-10-04T13:00:00.000Z', venue: null, address: null, mapUrl: null, capacity: null } },
        {
          id: 'l2',
          type: 'onsite_session',
          title: 'ฝึกที่ห้องสมุด',
          required: true,
          durationMinutes: 180,
          session: { kind: 'onsite_session', startsAt: '2026-10-05T02:00:00.000Z', endsAt: '2026-10-05T05:00:00.000Z', venue: 'ห้องสมุดประชาชนเชียงใหม่', address: '21 ถ.ราชดำเนิน', mapUrl: 'https://maps.example.org/?q=library', capacity: 30 },
        },
      ],
    },
  ],
});

const serve = (request: Request) =>
  new URL(request.url).pathname === '/api/v1/catalog/computer-for-elderly'
    ? json(workshop)
    : json(problem({ status: 404, code: 'COURSE_NOT_FOUND', title: 'ไม่พบรายวิชานี้' }), 404);

describe('Course page', () => {
  beforeEach(() => localStorage.clear());

  it('shows the course: title, facts, schedule with fiscal year, sessions with venue and map link, description and outline', async () => {
    const { requests } = renderApp({ url: '/courses/computer-for-elderly', handler: serve });

    expect(await screen.findByRole('heading', { level: 1, name: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ' }, { timeout: 10_000 })).toBeTruthy();
    expect(document.title).toContain('การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ');
    expect(screen.getByText('เปิดเครื่อง ใช้เมาส์ และส่งอีเมล')).toBeTruthy();
    expect(screen.getByText('ครูสมศรี ใจดี')).toBeTruthy();
    expect(screen.getByText('ทักษะดิจิทัล')).toBeTruthy();
    expect(screen.getByText('12 ชั่วโมง')).toBeTruthy();

    const schedule = screen.getByRole('region', { name: 'กำหนดการ' });
    expect(within(schedule).getByText('ปีงบประมาณ 2570')).toBeTruthy();
    expect(within(schedule).getAllByText(/\(ปีงบประมาณ 25(69|70)\)/).length).toBe(3); // closes in FY 2569, starts and ends in FY 2570

    const sessions = within(screen.getByRole('region', { name: 'รอบเรียน' })).getAllByRole('listitem');
    expect(sessions.map((s) => within(s).getByRole('heading').textContent)).toEqual(['ถาม-ตอบออนไลน์', 'ฝึกที่ห้องสมุด']);
    expect(within(sessions[0]).getByText('เรียนออนไลน์ (ลิงก์จะแสดงแก่ผู้ลงทะเบียน)')).toBeTruthy();
    expect(within(sessions[1]).getByText(/09:00–12:00/)).toBeTruthy(); // Bangkok time
    expect(within(sessions[1]).getByText('ห้องสมุดประชาชนเชียงใหม่')).toBeTruthy();
    const map = within(sessions[1]).getByRole('link', { name: /แผนที่ ห้องสมุดประชาชนเชียงใหม่/ });
    expect(map.getAttribute('href')).toBe('https://maps.example.org/?q=library');
    expect(map.getAttribute('rel')).toBe('noopener noreferrer');

    const about = screen.getByRole('region', { name: 'เกี่ยวกับหลักสูตร' });
    expect(within(about).getByText('เมาส์').tagName).toBe('STRONG');
    expect(screen.getByText(/บังคับ/)).toBeTruthy();
    expect(new URL(requests[0].url).pathname).toBe('/api/v1/catalog/computer-for-elderly');
  });

  it('offers Facebook, LINE and X links and copy link, each carrying utm_source', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp({ url: '/courses/computer-for-elderly', handler: serve });

    const share = await screen.findByRole('region', { name: 'แชร์หลักสูตรนี้' }, { timeout: 10_000 });
    const facebook = await within(share).findByRole('link', { name: /แชร์ทาง Facebook/ });
    const shared = (href: string, param: string) => new URL(new URL(href).searchParams.get(param) as string);
    expect(shared(facebook.getAttribute('href') as string, 'u').searchParams.get('utm_source')).toBe('facebook');
    expect(shared(within(share).getByRole('link', { name: /แชร์ทาง LINE/ }).getAttribute('href') as string, 'url').searchParams.get('utm_source')).toBe('line');
    const x = within(share).getByRole('link', { name: /แชร์ทาง X/ }).getAttribute('href') as string;
    expect(shared(x, 'url').pathname).toBe('/courses/computer-for-elderly');
    expect(facebook.getAttribute('target')).toBe('_blank');

    fireEvent.click(within(share).getByRole('button', { name: 'คัดลอกลิงก์' }));
    await waitFor(() => expect(within(share).getByRole('status').textContent).toBe('คัดลอกลิงก์แล้ว'));
    expect(new URL(writeText.mock.calls[0][0]).searchParams.get('utm_source')).toBe('copy');
  });

  it('uses the device share sheet where the browser has one', async () => {
    const share = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'share', { value: share, configurable: true });
    renderApp({ url: '/courses/computer-for-elderly', handler: serve });

    fireEvent.click(await screen.findByRole('button', { name: 'แชร์…' }, { timeout: 10_000 }));
    expect(share).toHaveBeenCalledWith(expect.objectContaining({ title: 'การใช้คอมพิวเตอร์เบื้องต้นสำหรับผู้สูงอายุ' }));
    expect(new URL((share.mock.calls[0] as unknown as [{ url: string }])[0].url).searchParams.get('utm_source')).toBe('native');
    Reflect.deleteProperty(navigator, 'share');
  });

  it('reads in English with the English text, and says FY next to dates', async () => {
    localStorage.setItem('baanrian.locale', 'en');
    renderApp({ url: '/courses/computer-for-elderly', handler: serve });

    expect(await screen.findByRole('heading', { level: 1, name: 'Computer basics for older adults' }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByText('Fiscal year 2570 (B.E.)')).toBeTruthy();
    expect(screen.getAllByText(/\(FY 2570\)/).length).toBeGreaterThan(0);
  });

  it('says the course is not available for an unknown, draft or archived course, with a way back', async () => {
    renderApp({ url: '/courses/no-such-course', handler: serve });

    expect(await screen.findByRole('heading', { level: 1, name: 'ไม่พบหลักสูตรนี้' }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'หลักสูตรทั้งหมด' }).getAttribute('href')).toBe('/');
  });

  it('never runs script from course text', async () => {
    const flag = vi.fn();
    (window as unknown as { pwned: () => void }).pwned = flag;
    const xss = '<img src=x onerror="pwned()"><script>pwned()</script>';
    renderApp({
      url: '/courses/computer-for-elderly',
      handler: () => json({ ...workshop, title: { th: xss }, summary: { th: xss } }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: xss }, { timeout: 10_000 })).toBeTruthy();
    expect(document.querySelector('main img[src="x"]')).toBeNull();
    expect(flag).not.toHaveBeenCalled();
  });
});
