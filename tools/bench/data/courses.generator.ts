import { type LocalizedText, type PublishedCourseSnapshot, thaiFiscalYear } from '@baanrian/contracts';
import { buildSearchText } from '../../../apps/api/src/catalog/search-text';
import { chooseQuizCourses, courseOutline, drawCourse } from './courses.outline';
import { copyRows, type CopyValue } from './data.copy';
import { type DataContext, type DataGenerator, type MadeCourse } from './data.generator';
import { stableUuid } from './data.random';
import * as words from './data.vocabulary';

const DAY = 86_400_000;

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
 * modules and lessons (see courses.outline.ts), and the catalog row built exactly as the API's
 * projection builds it (same `buildSearchText`). The quizzes of quiz courses are the quizzes generator's.
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

    // First every course's drawn facts, then which of them end in a quiz (that needs every format
    // and the popularity shares), then the rows.
    const specs = Array.from({ length: plan.courses }, (_, i) => drawCourse(random, i, plan.courses));
    const quizCourses = chooseQuizCourses(plan.seed, specs);
    const courses: CopyValue[][] = [];
    const versions: CopyValue[][] = [];
    const catalog: CopyValue[][] = [];
    const modules: CopyValue[][] = [];
    const lessons: CopyValue[][] = [];
    const courseIds: string[] = [];
    const madeCourses: MadeCourse[] = [];
    specs.forEach((spec, i) => {
      const { topic, level, group, groups, language, format, publishedAt, startsAt, endsAt, closesAt, learningHours, capacity } = spec;
      const id = stableUuid(plan.seed, 'course', i);
      courseIds.push(id);
      const audience = words.AUDIENCES[group];
      const th = `${topic.th}${level.th}${audience.th}`;
      const title: LocalizedText = { th, ...(language === 'vi' ? { vi: `${topic.vi} ${level.vi} ${audience.vi}` } : {}), ...(language === 'en' ? { en: `${topic.en}: ${level.en}, ${audience.en}` } : {}) };
      const summary: LocalizedText = {
        th: `เรียนรู้${topic.th}ทีละขั้นตอน ${audience.th} จัดโดยศูนย์ส่งเสริมการเรียนรู้จังหวัดเชียงใหม่`,
        ...(language === 'vi' ? { vi: `Học ${topic.vi.toLowerCase()} từng bước, ${audience.vi}.` } : {}),
        ...(language === 'en' ? { en: `${topic.en}, step by step, ${audience.en}.` } : {}),
      };
      const description: LocalizedText = { th: `## ${th}\n\nหลักสูตรนี้${summary.th}\n\n- เรียนได้ทุกที่\n- มีแบบฝึกหัดท้ายบท` };
      const ownerId = owners[i % owners.length];
      const slug = `bench-${i}`;
      const quizId = quizCourses.has(i) ? stableUuid(plan.seed, 'quiz', i) : null;
      const { outline, rows, tracked } = courseOutline(plan.seed, i, spec, quizId);
      for (const module of outline) modules.push([module.id, id, module.title, module.position, date(publishedAt - DAY), date(publishedAt - DAY)]);
      lessons.push(...rows.map((row) => [row[0], id, ...row.slice(1)]));
      madeCourses.push({
        id, format, capacity, publishedAt, sessionStartsAt: startsAt === null ? null : startsAt + 9 * 3_600_000, ownerId, trackedLessons: tracked,
        quiz: quizId === null ? null : { id: quizId, lessonId: outline[outline.length - 1].lessons[outline[outline.length - 1].lessons.length - 1].id },
      });

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
    });
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
