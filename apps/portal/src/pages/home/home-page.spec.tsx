import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { course, courseList, json, problem, renderApp, targetGroupOf } from '../../testing/render-app';

const lanna = course({
  title: { th: 'การทำอาหารพื้นเมืองล้านนา', en: 'Lanna home cooking', vi: 'Nấu ăn truyền thống Lanna' },
  summary: { th: 'เรียนทำแกงฮังเลกับปราชญ์ชาวบ้าน', en: 'Cook hang-lay curry with a local expert' },
  targetGroups: ['general_public', 'elderly'],
  format: 'onsite_workshop',
  startsAt: '2026-10-01T02:00:00.000Z',
});
const thaiOnly = course({
  title: { th: 'นิทานก่อนนอนกับผู้ปกครอง' },
  summary: { th: 'อ่านนิทานร่วมกับลูก' },
  targetGroups: ['early_childhood'],
  format: 'online_class',
});
const coding = course({
  title: { th: 'เขียนโปรแกรมเบื้องต้น', en: 'Coding basics' },
  summary: { th: 'เริ่มเขียนโปรแกรมด้วย Scratch', en: 'Start coding with Scratch' },
  targetGroups: ['youth'],
});

const allCourses = () => json(courseList([lanna, thaiOnly, coding]));

/** The course articles' headings, in order. */
const articleNames = () => screen.getAllByRole('article').map((article) => within(article).getByRole('heading').textContent);

describe('Home page: course catalogue', () => {
  beforeEach(() => localStorage.clear());

  it('lists the courses in Thai by default, with formats, target groups and a link to each course page', async () => {
    const { requests } = renderApp({ handler: allCourses });

    const article = await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' });
    expect(within(article).getByRole('heading', { level: 2 }).getAttribute('lang')).toBe('th');
    expect(within(article).getByRole('link', { name: 'การทำอาหารพื้นเมืองล้านนา' }).getAttribute('href')).toBe(`/courses/${lanna.slug}`);
    expect(within(article).getByText('เรียนทำแกงฮังเลกับปราชญ์ชาวบ้าน')).toBeTruthy();
    expect(within(article).getByText('อบรมเชิงปฏิบัติการ ณ สถานที่จริง')).toBeTruthy();
    expect(within(article).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['บุคคลทั่วไป', 'ผู้สูงอายุ']);
    // The start date, with the Thai fiscal year beside it (1 Oct 2026 falls in FY 2570).
    expect(within(article).getByText(/\(ปีงบประมาณ 2570\)/)).toBeTruthy();
    expect(articleNames()).toEqual(['การทำอาหารพื้นเมืองล้านนา', 'นิทานก่อนนอนกับผู้ปกครอง', 'เขียนโปรแกรมเบื้องต้น']);
    expect(screen.getByRole('status').textContent).toBe('แสดง 3 หลักสูตร');

    expect(requests).toHaveLength(1);
    expect(new URL(requests[0].url).pathname).toBe('/api/v1/catalog');
    expect(new URL(requests[0].url).search).toBe('?limit=50');
    expect(requests[0].headers.get('Accept-Language')).toBe('th');
  });

  it('marks the results busy while loading', async () => {
    let respond: (response: Response) => void = () => undefined;
    renderApp({ handler: () => new Promise<Response>((resolve) => (respond = resolve)) });

    const status = await screen.findByText('กำลังโหลดหลักสูตร…');
    expect(status.closest('section')?.getAttribute('aria-busy')).toBe('true');
    expect(status.getAttribute('aria-live')).toBe('polite');

    respond(allCourses());
    await screen.findByText('แสดง 3 หลักสูตร');
    expect(status.closest('section')?.getAttribute('aria-busy')).toBe('false');
  });

  it('switches to English, falls back to Thai where a course has no English, and remembers the choice', async () => {
    const { requests } = renderApp({ handler: allCourses });
    await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' });

    fireEvent.change(screen.getByRole('combobox', { name: 'ภาษา' }), { target: { value: 'en' } });

    const article = await screen.findByRole('article', { name: 'Lanna home cooking' });
    expect(within(article).getByText('Cook hang-lay curry with a local expert')).toBeTruthy();
    expect(within(article).getByText('On-site workshop')).toBeTruthy();
    expect(within(article).getByText('Elderly')).toBeTruthy();
    expect(within(article).getByText(/\(FY 2570\)/)).toBeTruthy();
    // No English title: Thai, marked as Thai for screen readers and line breaking.
    const fallback = screen.getByRole('article', { name: 'นิทานก่อนนอนกับผู้ปกครอง' });
    expect(within(fallback).getByRole('heading').getAttribute('lang')).toBe('th');
    expect(screen.getByRole('status').textContent).toBe('3 courses shown');

    expect(screen.getByRole('heading', { level: 1, name: 'Find a course' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Older adults' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search courses' })).toBeTruthy();
    expect(localStorage.getItem('baanrian.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    // The catalogue already carries every language: no new request.
    expect(requests).toHaveLength(1);
  });

  it('browses by target group with the large tiles: asks the server, marks the tile, and puts the group in the URL', async () => {
    const { requests } = renderApp({
      handler: (request) => (targetGroupOf(request) === 'youth' ? json(courseList([coding])) : allCourses()),
    });
    await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' });

    const tiles = within(screen.getByRole('navigation', { name: 'เลือกตามกลุ่มผู้เรียน' })).getAllByRole('link');
    expect(tiles.map((tile) => tile.textContent)).toEqual(['เด็กเล็กเรียนกับผู้ปกครอง', 'เด็กและเยาวชน', 'บุคคลทั่วไป', 'ครูและบุคลากรทางการศึกษา', 'ผู้สูงอายุ']);
    fireEvent.click(screen.getByRole('link', { name: 'เด็กและเยาวชน' }));

    await waitFor(() => expect(articleNames()).toEqual(['เขียนโปรแกรมเบื้องต้น']));
    expect(targetGroupOf(requests[requests.length - 1])).toBe('youth');
    expect(window.location.search).toBe('?targetGroup=youth');
    expect(screen.getByRole('link', { name: 'เด็กและเยาวชน' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByRole('link', { name: 'ทุกกลุ่ม' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
    expect(window.location.search).toBe('');
  });

  it('opens already filtered from a shared link', async () => {
    const { requests } = renderApp({ url: '/?targetGroup=elderly&format=onsite_workshop&upcoming=true', handler: () => json(courseList([lanna])) });

    expect(await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'ผู้สูงอายุ' }).getAttribute('aria-current')).toBe('page');
    expect((screen.getByRole('combobox', { name: 'รูปแบบการเรียน' }) as HTMLSelectElement).value).toBe('onsite_workshop');
    expect((screen.getByRole('checkbox', { name: 'เฉพาะหลักสูตรที่ยังไม่เริ่ม' }) as HTMLInputElement).checked).toBe(true);
    expect(new URL(requests[0].url).search).toBe('?targetGroup=elderly&format=onsite_workshop&upcoming=true&limit=50');
  });

  it('ignores unknown values in the URL and shows everything', async () => {
    const { requests } = renderApp({ url: '/?targetGroup=pets&format=magic&language=fr', handler: allCourses });

    await screen.findByText('แสดง 3 หลักสูตร');
    expect(screen.queryByRole('link', { current: 'page', name: /ผู้สูงอายุ/ })).toBeNull();
    expect(new URL(requests[0].url).search).toBe('?limit=50');
  });

  it('searches in Thai: the words go to the server and into the URL, and the count names them', async () => {
    const { requests } = renderApp({
      handler: (request) => (new URL(request.url).searchParams.get('q') === 'คอมพิวเตอร์' ? json(courseList([coding])) : allCourses()),
    });
    await screen.findByText('แสดง 3 หลักสูตร');

    fireEvent.change(screen.getByRole('searchbox', { name: 'ค้นหาหลักสูตร' }), { target: { value: '  คอมพิวเตอร์ ' } });
    fireEvent.click(screen.getByRole('button', { name: 'ค้นหา' }));

    await waitFor(() => expect(articleNames()).toEqual(['เขียนโปรแกรมเบื้องต้น']));
    expect(screen.getByRole('status').textContent).toBe('พบ 1 หลักสูตรสำหรับ “คอมพิวเตอร์”');
    expect(new URL(window.location.href).searchParams.get('q')).toBe('คอมพิวเตอร์');
    expect(new URL(requests[requests.length - 1].url).searchParams.get('q')).toBe('คอมพิวเตอร์');

    fireEvent.click(screen.getByRole('button', { name: 'ล้างคำค้นหา' }));
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
    expect((screen.getByRole('searchbox', { name: 'ค้นหาหลักสูตร' }) as HTMLInputElement).value).toBe('');
  });

  it('filters by format, language and upcoming dates, each in the URL, and clears them together', async () => {
    const { requests } = renderApp({ handler: allCourses });
    await screen.findByText('แสดง 3 หลักสูตร');

    fireEvent.change(screen.getByRole('combobox', { name: 'รูปแบบการเรียน' }), { target: { value: 'online_class' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'ภาษาที่สอน' }), { target: { value: 'vi' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'เฉพาะหลักสูตรที่ยังไม่เริ่ม' }));

    await waitFor(() => expect(window.location.search).toBe('?format=online_class&language=vi&upcoming=true'));
    await waitFor(() => expect(new URL(requests[requests.length - 1].url).search).toBe('?format=online_class&language=vi&upcoming=true&limit=50'));

    fireEvent.click(screen.getByRole('button', { name: 'ล้างตัวกรองทั้งหมด' }));
    await waitFor(() => expect(window.location.search).toBe(''));
  });

  it('shows more courses with the next cursor, then moves focus to the first new course', async () => {
    const { requests } = renderApp({
      handler: (request) =>
        new URL(request.url).searchParams.get('cursor') === 'page-2' ? json(courseList([coding])) : json(courseList([lanna, thaiOnly], 'page-2')),
    });
    await screen.findByText('แสดง 2 หลักสูตร');

    fireEvent.click(screen.getByRole('button', { name: 'แสดงหลักสูตรเพิ่มเติม' }));

    await waitFor(() => expect(articleNames()).toEqual(['การทำอาหารพื้นเมืองล้านนา', 'นิทานก่อนนอนกับผู้ปกครอง', 'เขียนโปรแกรมเบื้องต้น']));
    expect(screen.getByRole('status').textContent).toBe('แสดง 3 หลักสูตร');
    expect(new URL(requests[1].url).searchParams.get('cursor')).toBe('page-2');
    expect(screen.queryByRole('button', { name: 'แสดงหลักสูตรเพิ่มเติม' })).toBeNull(); // the last page
    await waitFor(() => expect(document.activeElement?.textContent).toBe('เขียนโปรแกรมเบื้องต้น'));
  });

  it('says when nothing matches', async () => {
    renderApp({ url: '/?targetGroup=education_staff', handler: () => json(courseList([])) });

    expect(await screen.findByRole('heading', { name: 'ไม่พบหลักสูตรที่ตรงกัน' })).toBeTruthy();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('shows the problem title from the API with a retry button that refetches, without retrying a 4xx by itself', async () => {
    let fail = true;
    const { fetch } = renderApp({
      handler: () =>
        fail
          ? json(problem({ status: 400, code: 'VALIDATION_FAILED', title: 'ข้อมูลที่ส่งมาไม่ถูกต้อง' }), 400, {
              'Content-Language': 'th',
            })
          : allCourses(),
    });

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('ข้อมูลที่ส่งมาไม่ถูกต้อง').getAttribute('lang')).toBe('th');
    expect(within(alert).getByText('รหัสอ้างอิง: req-123')).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(1); // 4xx is not retried

    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'ลองอีกครั้ง' }));

    expect(await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('asks again in the new language when the language changes while an error is showing', async () => {
    const { requests } = renderApp({
      handler: (request) =>
        request.headers.get('Accept-Language') === 'en'
          ? json(problem({ status: 404, title: 'Not found' }), 404, { 'Content-Language': 'en' })
          : json(problem({ status: 404, title: 'ไม่พบข้อมูล' }), 404, { 'Content-Language': 'th' }),
    });
    await screen.findByText('ไม่พบข้อมูล');

    fireEvent.change(screen.getByRole('combobox', { name: 'ภาษา' }), { target: { value: 'en' } });

    expect(await screen.findByText('Not found')).toBeTruthy();
    expect(requests.map((request) => request.headers.get('Accept-Language'))).toEqual(['th', 'en']);
  });

  it('shows an offline message when the network fails, after retrying, and recovers on retry', async () => {
    let online = false;
    const { fetch } = renderApp({
      handler: () => {
        if (!online) throw new TypeError('Failed to fetch');
        return allCourses();
      },
    });

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('เชื่อมต่ออินเทอร์เน็ตไม่ได้ โปรดตรวจสอบการเชื่อมต่อแล้วลองอีกครั้ง')).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(3); // the first try and two automatic retries

    online = true;
    fireEvent.click(within(alert).getByRole('button', { name: 'ลองอีกครั้ง' }));
    expect(await screen.findByRole('article', { name: 'เขียนโปรแกรมเบื้องต้น' })).toBeTruthy();
  });

  it('shows a generic message for an error that is not a problem document', async () => {
    renderApp({ handler: () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }) });

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('เกิดข้อผิดพลาด โปรดลองอีกครั้ง')).toBeTruthy();
    expect(within(alert).queryByText(/Bad gateway/)).toBeNull();
  });
});
