import { LOCALES, type PublishedCourseSnapshot } from '@baanrian/contracts';
import { asCourse, defineAbilityFor } from '../src/authz/ability.factory';
import type { AuthUser } from '../src/authz/authz.types';
import { buildCoursePage } from '../src/courses/course-page.builder';
import { COURSES_ERROR_STATUS } from '../src/courses/courses.exception';
import { parseLessonContent } from '../src/courses/lesson-content';
import { PROBLEM_TITLES } from '../src/problem/problem.messages';

const PUBLISH_REASONS = ['PUBLISH_TITLE_MISSING', 'PUBLISH_SUMMARY_MISSING', 'PUBLISH_SESSION_ENDS_BEFORE_START', 'PUBLISH_EMPTY_MODULE'];

describe('course error messages', () => {
  it.each([...Object.keys(COURSES_ERROR_STATUS), ...PUBLISH_REASONS])('%s reads in Thai, English and Vietnamese', (code) => {
    for (const locale of LOCALES) expect(PROBLEM_TITLES[code]?.[locale]).toMatch(/\S/);
  });
});

describe('co-instructor rules', () => {
  const person = (id: string, ...roles: AuthUser['roles']): AuthUser => ({ id, displayName: id, roles });
  const ben = defineAbilityFor(person('ben', 'learner', 'instructor'));
  const admin = defineAbilityFor(person('cat', 'learner', 'admin', 'instructor'));
  const bensCourse = asCourse({ id: 'c1', status: 'draft', ownerId: 'ben', coTeacherIds: ['eve'] });
  const coTaught = asCourse({ id: 'c2', status: 'draft', ownerId: 'dan', coTeacherIds: ['ben'] });
  const invitedOnly = asCourse({ id: 'c3', status: 'draft', ownerId: 'dan', coTeacherIds: [] });

  it('lets a co-instructor edit but not delete the course or choose who teaches', () => {
    expect(['update', 'delete', 'manageInstructors'].map((a) => ben.can(a as 'update', coTaught))).toEqual([true, false, false]);
    expect(['update', 'delete', 'manageInstructors'].map((a) => ben.can(a as 'update', bensCourse))).toEqual([true, true, true]);
    expect(ben.can('update', invitedOnly)).toBe(false);
  });

  it('keeps every right for administrators, instructor role or not', () => {
    expect(['update', 'delete', 'manageInstructors'].map((a) => admin.can(a as 'update', invitedOnly))).toEqual([true, true, true]);
  });
});

describe('buildCoursePage', () => {
  const snapshot: PublishedCourseSnapshot = {
    courseId: 'c1',
    version: 3,
    slug: 'lanna',
    title: { th: 'ล้านนา' },
    summary: { th: 'สรุป' },
    description: { th: '# หัวข้อ\n\n<script>x</script>ข้อความ', en: '**Bold**' },
    language: 'th',
    targetGroups: ['youth'],
    format: 'blended',
    categorySlug: 'arts',
    tags: [],
    coverMediaId: null,
    capacity: 30,
    enrollmentOpensAt: null,
    enrollmentClosesAt: null,
    startsAt: null,
    endsAt: null,
    learningHours: 2,
    sequential: false,
    ownerId: 'owner',
    instructorIds: ['co1', 'gone', 'co2'],
    modules: [
      {
        id: 'm1',
        title: 'หน่วย',
        position: 1,
        lessons: [
          { id: 'l1', type: 'live_session', title: 'สด', required: true, position: 1, durationMinutes: 60, content: { meetingUrl: 'https://secret.example', startsAt: '2026-01-01T02:00:00.000Z', endsAt: '2026-01-01T03:00:00.000Z' } },
          { id: 'l2', type: 'file', title: 'ไฟล์', required: false, position: 2, durationMinutes: null, content: { mediaId: 'f', description: 'private' } },
        ],
      },
    ],
    publishedAt: '2026-11-01T00:00:00.000Z',
    publishedById: 'owner',
  };

  it('renders the description, names instructors owner first, and leaves erased accounts out', () => {
    const page = buildCoursePage(snapshot, { co2: 'ครูสอง', owner: 'ครูเจ้าของ', co1: 'ครูหนึ่ง' });
    expect(page.descriptionHtml).toEqual({ th: '<h2>หัวข้อ</h2>\n<p>xข้อความ</p>\n', en: '<p><strong>Bold</strong></p>\n' });
    expect(page.instructors).toEqual(['ครูเจ้าของ', 'ครูหนึ่ง', 'ครูสอง']);
    expect(page.preview).toBe(false);
  });

  it('counts an undated course in the fiscal year of its first publish', () => {
    expect(buildCoursePage(snapshot, {}).fiscalYear).toBe(2570);
    expect(buildCoursePage(snapshot, {}, { firstPublishedAt: '2025-09-30T12:00:00Z' }).fiscalYear).toBe(2568);
    expect(buildCoursePage({ ...snapshot, startsAt: '2024-10-01T00:00:00+07:00' }, {}).fiscalYear).toBe(2568);
  });

  it('shows session times but never meeting URLs or file details', () => {
    const [live, file] = buildCoursePage(snapshot, {}).modules[0].lessons;
    expect(live).toMatchObject({ startsAt: '2026-01-01T02:00:00.000Z', endsAt: '2026-01-01T03:00:00.000Z', venue: null });
    expect(JSON.stringify([live, file])).not.toMatch(/secret|private|mediaId/);
  });

  it('renders a text lesson body for the studio preview only, never for the public page', () => {
    const withText = {
      ...snapshot,
      modules: [{ ...snapshot.modules[0], lessons: [{ id: 't1', type: 'text' as const, title: 'อ่าน', required: true, position: 1, durationMinutes: 5, content: { body: '**สำคัญ** <script>x</script>' } }] }],
    };
    expect(buildCoursePage(withText, {}, { preview: true }).modules[0].lessons[0].bodyHtml).toBe('<p><strong>สำคัญ</strong> x</p>\n');
    expect(buildCoursePage(withText, {}).modules[0].lessons[0].bodyHtml).toBeNull();
  });
});

describe('lesson content', () => {
  it('stores text cleaned and optional fields as null', () => {
    expect(parseLessonContent('link', { url: 'https://example.org', description: '<b>อ่าน</b>' })).toEqual({
      content: { url: 'https://example.org', description: 'อ่าน' },
      startsAt: null,
      endsAt: null,
    });
    expect(parseLessonContent('video', { source: 'url', url: 'https://v.example/a', mediaId: '3f0e8d9c-1b2a-4c5d-8e7f-6a5b4c3d2e1f' }).content).toEqual({
      source: 'url',
      url: 'https://v.example/a',
      captions: [],
      transcript: null,
    });
  });

  it('refuses two caption tracks in one language', () => {
    const track = { language: 'th', label: 'ไทย', mediaId: '3f0e8d9c-1b2a-4c5d-8e7f-6a5b4c3d2e1f' };
    expect(() => parseLessonContent('video', { source: 'url', url: 'https://v.example/a', captions: [track, track] })).toThrow('validation failed');
  });
});
