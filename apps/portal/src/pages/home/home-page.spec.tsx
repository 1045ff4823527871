import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { course, courseList, json, problem, renderApp, targetGroupOf } from '../../testing/render-app';

const lanna = course({
  title: { th: 'การทำอาหารพื้นเมืองล้านนา', en: 'Lanna home cooking', vi: 'Nấu ăn truyền thống Lanna' },
  summary: { th: 'เรียนทำแกงฮังเลกับปราชญ์ชาวบ้าน', en: 'Cook hang-lay curry with a local expert' },
  targetGroups: ['general_public', 'elderly'],
  format: 'onsite_workshop',
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

  it('lists the courses in Thai by default, with count, formats and target groups', async () => {
    const { requests } = renderApp({ handler: allCourses });

    const article = await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' });
    expect(within(article).getByRole('heading', { level: 2 }).getAttribute('lang')).toBe('th');
    expect(within(article).getByText('เรียนทำแกงฮังเลกับปราชญ์ชาวบ้าน')).toBeTruthy();
    expect(within(article).getByText('อบรมเชิงปฏิบัติการ ณ สถานที่จริง')).toBeTruthy();
    expect(within(article).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['บุคคลทั่วไป', 'ผู้สูงอายุ']);
    expect(articleNames()).toEqual(['การทำอาหารพื้นเมืองล้านนา', 'นิทานก่อนนอนกับผู้ปกครอง', 'เขียนโปรแกรมเบื้องต้น']);
    expect(screen.getByRole('status').textContent).toBe('พบ 3 หลักสูตร');

    expect(requests).toHaveLength(1);
    expect(new URL(requests[0].url).pathname).toBe('/api/v1/courses');
    expect(targetGroupOf(requests[0])).toBeNull();
    expect(requests[0].headers.get('Accept-Language')).toBe('th');
  });

  it('marks the results busy while loading', async () => {
    let respond: (response: Response) => void = () => undefined;
    renderApp({ handler: () => new Promise<Response>((resolve) => (respond = resolve)) });

    const status = await screen.findByText('กำลังโหลดหลักสูตร…');
    expect(status.closest('section')?.getAttribute('aria-busy')).toBe('true');
    expect(status.getAttribute('aria-live')).toBe('polite');

    respond(allCourses());
    await screen.findByText('พบ 3 หลักสูตร');
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
    // No English title: Thai, marked as Thai for screen readers and line breaking.
    const fallback = screen.getByRole('article', { name: 'นิทานก่อนนอนกับผู้ปกครอง' });
    expect(within(fallback).getByRole('heading').getAttribute('lang')).toBe('th');
    expect(screen.getByRole('status').textContent).toBe('3 courses found');

    expect(screen.getByRole('heading', { level: 1, name: 'Find a course' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Target group' })).toBeTruthy();
    expect(localStorage.getItem('baanrian.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    // The catalogue already carries every language: no new request.
    expect(requests).toHaveLength(1);
  });

  it('filters by target group: asks the server for youth, shows only what it returned, and puts it in the URL', async () => {
    const { requests } = renderApp({
      handler: (request) => (targetGroupOf(request) === 'youth' ? json(courseList([coding])) : allCourses()),
    });
    await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' });

    const filter = screen.getByRole('combobox', { name: 'กลุ่มเป้าหมาย' }) as HTMLSelectElement;
    expect(filter.value).toBe('');
    fireEvent.change(filter, { target: { value: 'youth' } });

    await waitFor(() => expect(articleNames()).toEqual(['เขียนโปรแกรมเบื้องต้น']));
    expect(targetGroupOf(requests[requests.length - 1])).toBe('youth');
    expect(screen.getByRole('status').textContent).toBe('พบ 1 หลักสูตร');
    expect(window.location.search).toBe('?targetGroup=youth');
    expect(filter.value).toBe('youth');

    fireEvent.change(filter, { target: { value: '' } });
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3));
    expect(window.location.search).toBe('');
  });

  it('opens already filtered from a shared link', async () => {
    const { requests } = renderApp({ url: '/?targetGroup=elderly', handler: () => json(courseList([lanna])) });

    expect(await screen.findByRole('article', { name: 'การทำอาหารพื้นเมืองล้านนา' })).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'กลุ่มเป้าหมาย' }) as HTMLSelectElement).value).toBe('elderly');
    expect(requests.map(targetGroupOf)).toEqual(['elderly']);
  });

  it('ignores an unknown target group in the URL and shows all groups', async () => {
    const { requests } = renderApp({ url: '/?targetGroup=pets', handler: allCourses });

    await screen.findByText('พบ 3 หลักสูตร');
    expect((screen.getByRole('combobox', { name: 'กลุ่มเป้าหมาย' }) as HTMLSelectElement).value).toBe('');
    expect(requests.map(targetGroupOf)).toEqual([null]);
  });

  it('says when a group has no courses yet', async () => {
    renderApp({ url: '/?targetGroup=education_staff', handler: () => json(courseList([])) });

    expect(await screen.findByRole('heading', { name: 'ยังไม่มีหลักสูตรสำหรับกลุ่มนี้' })).toBeTruthy();
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says when the server has more courses than it sent', async () => {
    renderApp({ handler: () => json(courseList([lanna, coding], 75)) });
    expect(await screen.findByText('แสดง 2 จาก 75 หลักสูตร')).toBeTruthy();
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
