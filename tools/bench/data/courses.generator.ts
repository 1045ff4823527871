import { type CourseFormat, type Locale, type LocalizedText, type PublishedCourseSnapshot, type PublishedModule, type TargetGroup, thaiFiscalYear } from '@baanrian/contracts';
import { buildSearchText } from '../../../apps/api/src/catalog/search-text';
import { copyRows, type CopyValue } from './data.copy';
import { type DataContext, DATA_EPOCH, DATA_SPAN_MS, type DataGenerator, type MadeCourse } from './data.generator';
import { stableUuid } from './data.random';
import * as words from './data.vocabulary';

const DAY = 86_400_000;
const FORMATS: readonly (readonly [CourseFormat, number])[] = [['self_paced', 40], ['online_class', 20], ['onsite_workshop', 30], ['blended', 10]];
const LANGUAGES: readonly (readonly [Locale, number])[] = [['th', 80], ['vi', 15], ['en', 5]];

const COURSE_COLUMNS = [
  'id', 'slug', 'title', 'summary', 'description', 'language', 'target_groups', 'format', 'status', 'owner_id', 'category_id', 'tags',
  'capacity', 'enrollment_opens_at', 'enrollment_closes_at', 'starts_at', 'ends_at', 'learning_hours', 'sequential', 'published_version',
  'published_at', 'draft_revision', 'created_at', 'updated_at',
] as const;
const CATALOG_COLUMNS = [
  'course_id', 'slug', 'version', 'title', 'summary', 'language', 'target_groups', 'format', 'category_slug', 'tags', 'cover_media_id',
  'starts_at', 'ends_at', 'enrollment_closes_at', 'fiscal_year', 'learning_hours', 'search_text', 'published_at', 'updated_at',
] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const date = (ms: number | null) => (ms === null ? null : new Date(ms));
const isoAt = (ms: number) => new Date(ms).toISOString();

/**
 * 3,000 published courses over three fiscal years: the draft row, its version-1 snapshot, its
 * modules and lessons (ids equal in draft and snapshot, as publishing keeps them), and the catalog
 * row built exactly as the API's projection builds it (same `buildSearchText`).
 */
export const coursesGenerator: DataGenerator = {
  name: 'courses',

  async clear(client) {
    const bench = `SELECT id FROM course WHERE slug LIKE 'bench-%'`;
    for (const table of ['catalog_entry', 'course_version', 'lesson', 'course_module', 'course_instructor']) {
      await client.query(`DELETE FROM "${table}" WHERE course_id IN (${bench})`);
    }
    await client.query(`DELETE FROM course WHERE slug LIKE 'bench-%'`);
    await client.query(`DELETE FROM course_category WHERE slug LIKE 'bench-%'`);
  },

  async generate({ plan, client, random, made }: DataContext) {
    const owners = made.instructorIds;
    if (!owners?.length) throw new Error('courses need the instructors made by the learners generator');
    const categoryIds: Record<string, string> = Object.fromEntries(words.CATEGORIES.map((c, i) => [c.slug, stableUuid(plan.seed, 'category', i)]));
    const categories = await copyRows(client, 'course_category', ['id', 'slug', 'name', 'position'],
      words.CATEGORIES.map((c, i) => [categoryIds[c.slug], `bench-${c.slug}`, { th: c.th, en: c.en, vi: c.vi }, 100 + i]));

    const courses: CopyValue[][] = [];
    const versions: CopyValue[][] = [];
    const catalog: CopyValue[][] = [];
    const modules: CopyValue[][] = [];
    const lessons: CopyValue[][] = [];
    const courseIds: string[] = [];
    const madeCourses: MadeCourse[] = [];
    for (let i = 0; i < plan.courses; i++) {
      const id = stableUuid(plan.seed, 'course', i);
      courseIds.push(id);
      const topic = random.pick(words.TOPICS);
      const level = random.pick(words.LEVELS);
      const group = random.weighted(words.TARGET_GROUP_MIX) as TargetGroup;
      const groups: TargetGroup[] = random.next() < 0.3 ? [...new Set<TargetGroup>([group, 'general_public'])] : [group];
      const audience = words.AUDIENCES[group];
      const language = random.weighted(LANGUAGES);
      const format = random.weighted(FORMATS);
      const th = `${topic.th}${level.th}${audience.th}`;
      const title: LocalizedText = { th, ...(language === 'vi' ? { vi: `${topic.vi} ${level.vi} ${audience.vi}` } : {}), ...(language === 'en' ? { en: `${topic.en}: ${level.en}, ${audience.en}` } : {}) };
      const summary: LocalizedText = {
        th: `เรียนรู้${topic.th}ทีละขั้นตอน ${audience.th} จัดโดยศูนย์ส่งเสริมการเรียนรู้จังหวัดเชียงใหม่`,
        ...(language === 'vi' ? { vi: `Học ${topic.vi.toLowerCase()} từng bước, ${audience.vi}.` } : {}),
        ...(language === 'en' ? { en: `${topic.en}, step by step, ${audience.en}.` } : {}),
      };
      const description: LocalizedText = { th: `## ${th}\n\nหลักสูตรนี้${summary.th}\n\n- เรียนได้ทุกที่\n- มีแบบฝึกหัดท้ายบท` };
      const publishedAt = DATA_EPOCH + Math.floor((i / plan.courses) * DATA_SPAN_MS) + random.int(0, DAY);
      const dated = format !== 'self_paced';
      const startsAt = dated ? publishedAt + random.int(14, 60) * DAY : null;
      const endsAt = startsAt === null ? null : startsAt + random.int(1, 30) * DAY;
      const closesAt = startsAt === null ? null : startsAt - 3 * DAY;
      const learningHours = random.int(2, 40) / 2;
      const capacity = format === 'onsite_workshop' ? random.pick([20, 30, 40, 60]) : null;
      const ownerId = owners[i % owners.length];
      const slug = `bench-${i}`;
      madeCourses.push({ id, format, capacity, publishedAt, sessionStartsAt: startsAt === null ? null : startsAt + 9 * 3_600_000 });

      const outline: PublishedModule[] = [];
      for (let m = 0; m < 3; m++) {
        const moduleId = stableUuid(plan.seed, `course-${i}-module`, m);
        const moduleTitle = `บทที่ ${m + 1}: ${topic.th}`;
        const moduleLessons: PublishedModule['lessons'] = [];
        for (let l = 0; l < 3; l++) {
          const lessonId = stableUuid(plan.seed, `course-${i}-lesson`, m * 3 + l);
          const session = dated && m === 0 && l === 0 && startsAt !== null;
          const lessonStarts = session ? startsAt + 9 * 3_600_000 : null;
          const lessonEnds = lessonStarts === null ? null : lessonStarts + 3 * 3_600_000;
          const lesson: PublishedModule['lessons'][number] = session
            ? format === 'online_class'
              ? { id: lessonId, type: 'live_session', title: 'เรียนสดออนไลน์', required: true, position: l, durationMinutes: 180, content: { meetingUrl: `https://meet.example.org/bench-${i}`, startsAt: isoAt(lessonStarts ?? 0), endsAt: isoAt(lessonEnds ?? 0) } }
              : { id: lessonId, type: 'onsite_session', title: 'เรียนที่ศูนย์', required: true, position: l, durationMinutes: 180,
                  content: { venue: random.pick(words.VENUES), address: `${words.PROVINCE}`, mapUrl: null, startsAt: isoAt(lessonStarts ?? 0), endsAt: isoAt(lessonEnds ?? 0), capacity } }
            : l === 1
              ? { id: lessonId, type: 'video', title: `วิดีโอ: ${topic.th} ตอนที่ ${m + 1}`, required: true, position: l, durationMinutes: 12, content: { source: 'url', url: `https://video.example.org/bench-${i}-${m}`, captions: [], transcript: null } }
              : { id: lessonId, type: 'text', title: `${topic.th} ตอนที่ ${m * 3 + l + 1}`, required: l === 0, position: l, durationMinutes: 15, content: { body: `เนื้อหาบทเรียน${topic.th}ตอนที่ ${m * 3 + l + 1}` } };
          moduleLessons.push(lesson);
          lessons.push([lessonId, id, moduleId, lesson.type, lesson.title, lesson.required, l, lesson.durationMinutes, lesson.content, date(lessonStarts), date(lessonEnds), date(publishedAt - DAY), date(publishedAt - DAY)]);
        }
        outline.push({ id: moduleId, title: moduleTitle, position: m, lessons: moduleLessons });
        modules.push([moduleId, id, moduleTitle, m, date(publishedAt - DAY), date(publishedAt - DAY)]);
      }

      const snapshot: PublishedCourseSnapshot = {
        courseId: id, version: 1, slug, title, summary, description, language, targetGroups: groups, format,
        categorySlug: `bench-${topic.category}`, tags: topic.tags, coverMediaId: null, capacity,
        enrollmentOpensAt: iso(publishedAt), enrollmentClosesAt: iso(closesAt), startsAt: iso(startsAt), endsAt: iso(endsAt),
        learningHours, sequential: false, ownerId, instructorIds: [ownerId], modules: outline, publishedAt: isoAt(publishedAt), publishedById: ownerId,
      };
      courses.push([id, slug, title, summary, description, language, groups, format, 'published', ownerId, categoryIds[topic.category] ?? null, topic.tags,
        capacity, date(publishedAt), date(closesAt), date(startsAt), date(endsAt), learningHours, false, 1, date(publishedAt), 1, date(publishedAt - 7 * DAY), date(publishedAt)]);
      versions.push([stableUuid(plan.seed, 'course-version', i), id, 1, snapshot, ownerId, date(publishedAt)]);
      catalog.push([id, slug, 1, title, summary, language, groups, format, snapshot.categorySlug, topic.tags, null, date(startsAt), date(endsAt), date(closesAt),
        thaiFiscalYear(new Date(startsAt ?? publishedAt)), learningHours, buildSearchText(snapshot), date(publishedAt), date(publishedAt)]);
    }
    made.courseIds = courseIds;
    made.courses = madeCourses;
    return {
      course_category: categories,
      course: await copyRows(client, 'course', COURSE_COLUMNS, courses),
      course_module: await copyRows(client, 'course_module', ['id', 'course_id', 'title', 'position', 'created_at', 'updated_at'], modules),
      lesson: await copyRows(client, 'lesson', ['id', 'course_id', 'module_id', 'type', 'title', 'required', 'position', 'duration_minutes', 'content', 'starts_at', 'ends_at', 'created_at', 'updated_at'], lessons),
      course_version: await copyRows(client, 'course_version', ['id', 'course_id', 'version', 'snapshot', 'published_by_id', 'published_at'], versions),
      catalog_entry: await copyRows(client, 'catalog_entry', CATALOG_COLUMNS, catalog),
    };
  },
};
