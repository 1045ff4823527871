import { TARGET_GROUPS } from '@baanrian/contracts';
import { DEMO_ACCOUNTS } from '../src/seed/demo-accounts';
import { DEMO_COURSES } from '../src/seed/demo-courses';
import { DEMO_INSTRUCTOR_LOGIN, seedDemo } from '../src/seed/demo-seed';
import { useTestApi } from './api-app';

const api = useTestApi({ seed: seedDemo });
const http = api.http;

describe('GET /api/v1/courses', () => {
  it('lists the published demo courses, newest first, with Thai titles and translations', async () => {
    const res = await http().get('/api/v1/courses').expect(200);
    expect(res.body.total).toBe(DEMO_COURSES.length);
    expect(res.body.items.map((c: { slug: string }) => c.slug)).toEqual(DEMO_COURSES.map((c) => c.slug));
    expect(res.body.items[0].title).toEqual(DEMO_COURSES[0].title);
  });

  it.each(TARGET_GROUPS)('filters by target group %s, returning only its courses and at least one', async (group) => {
    const res = await http().get('/api/v1/courses').query({ targetGroup: group }).expect(200);
    const expected = DEMO_COURSES.filter((c) => c.targetGroups.includes(group)).map((c) => c.slug);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.body.items.map((c: { slug: string }) => c.slug)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
  });

  it('pages with limit and offset', async () => {
    const res = await http().get('/api/v1/courses?limit=3&offset=3').expect(200);
    expect(res.body).toMatchObject({ total: DEMO_COURSES.length, limit: 3, offset: 3 });
    expect(res.body.items.map((c: { slug: string }) => c.slug)).toEqual(DEMO_COURSES.slice(3, 6).map((c) => c.slug));
  });

  it('never shows drafts or archived courses', async () => {
    await api.db().query(
      `INSERT INTO course (slug, title, summary, target_groups, format, status) VALUES
       ('draft-one', '{"th":"ร่าง"}', '{"th":"ร่าง"}', '{youth}', 'self_paced', 'draft'),
       ('old-one', '{"th":"เก่า"}', '{"th":"เก่า"}', '{youth}', 'self_paced', 'archived')`,
    );
    const res = await http().get('/api/v1/courses?targetGroup=youth').expect(200);
    expect(res.body.items.map((c: { slug: string }) => c.slug)).not.toEqual(expect.arrayContaining(['draft-one']));
    expect(res.body.items.map((c: { slug: string }) => c.slug)).not.toContain('old-one');
  });

  it('answers an unknown target group with problem+json naming the field, in Thai by default', async () => {
    const res = await http().get('/api/v1/courses?targetGroup=pets').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-language']).toBe('th');
    expect(res.body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
      instance: '/api/v1/courses?targetGroup=pets',
      errors: [{ field: 'targetGroup', message: 'ค่าไม่อยู่ในตัวเลือกที่อนุญาต' }],
    });
  });

  it.each([
    ['en', 'The request contains invalid data', 'is not one of the allowed values'],
    ['vi-VN,vi;q=0.9', 'Dữ liệu gửi lên không hợp lệ', 'không nằm trong các giá trị cho phép'],
  ])('speaks the caller\'s language (%s)', async (language, title, message) => {
    const res = await http().get('/api/v1/courses?targetGroup=pets').set('Accept-Language', language).expect(400);
    expect(res.body.title).toBe(title);
    expect(res.body.errors[0].message).toBe(message);
  });

  it('rejects query parameters the contract does not know (whitelist)', async () => {
    const res = await http().get('/api/v1/courses?admin=true').set('Accept-Language', 'en').expect(400);
    expect(res.body.errors).toEqual([{ field: 'admin', message: 'is not an accepted field' }]);
  });

  it.each(['0', '101', 'ten'])('rejects limit=%s', async (limit) => {
    const res = await http().get(`/api/v1/courses?limit=${limit}`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('limit');
  });
});

describe('the demo instructor in the studio', () => {
  it('finds every demo course published, unchanged since, with its version history', async () => {
    const instructor = DEMO_ACCOUNTS.find((a) => a.login === DEMO_INSTRUCTOR_LOGIN);
    const token = (await http().post('/api/v1/auth/sign-in').send({ login: instructor?.login, password: instructor?.password }).expect(200)).body.accessToken;
    const list = await http().get('/api/v1/studio/courses').set('Authorization', `Bearer ${token}`).expect(200);
    expect(list.body.items.map((c: { slug: string }) => c.slug).sort()).toEqual(DEMO_COURSES.map((c) => c.slug).sort());
    expect(list.body.items.every((c: { status: string; myRole: string }) => c.status === 'published' && c.myRole === 'owner')).toBe(true);
    const course = await http().get(`/api/v1/studio/courses/${list.body.items[0].id}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(course.body).toMatchObject({ hasUnpublishedChanges: false, publishedVersion: 1 });
    const versions = await http().get(`/api/v1/studio/courses/${list.body.items[0].id}/versions`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(versions.body.items).toEqual([expect.objectContaining({ version: 1, publishedBy: expect.objectContaining({ displayName: instructor?.displayName }) })]);
  });
});

describe('demo accounts', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.login, a]))('%s signs in with the documented password', async (_login, account) => {
    const res = await http().post('/api/v1/auth/sign-in').send({ login: account.login, password: account.password }).expect(200);
    expect(res.body.user.roles).toEqual([...account.roles].sort());
  });
});
