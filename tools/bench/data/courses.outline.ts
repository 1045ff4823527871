import type { CourseFormat, Locale, PublishedModule, TargetGroup } from '@baanrian/contracts';
import type { CopyValue } from './data.copy';
import { DATA_EPOCH, DATA_SPAN_MS } from './data.generator';
import { enrolmentShares } from './data.popularity';
import { type SeededRandom, stableUuid } from './data.random';
import * as words from './data.vocabulary';

const DAY = 86_400_000;
const FORMATS: readonly (readonly [CourseFormat, number])[] = [['self_paced', 40], ['online_class', 20], ['onsite_workshop', 30], ['blended', 10]];
const LANGUAGES: readonly (readonly [Locale, number])[] = [['th', 80], ['vi', 15], ['en', 5]];
/**
 * Course length: 4–6 modules of 4–5 lessons (about 22). With about ten enrolments per learner this
 * is what gives the 25 million lesson-progress rows at 250,000 learners (docs/benchmarks.md).
 */
const MODULES: readonly [number, number] = [4, 6];
const LESSONS_PER_MODULE: readonly [number, number] = [4, 5];
/**
 * Share of all enrolments that fall in courses ending with a quiz. Their completions each need a
 * passed attempt, about 0.4 × 10 × 3 % = 0.12 per learner, under the 0.2 attempts per learner the
 * quizzes generator makes (issue 11: 50,000 for 250,000 learners).
 */
export const QUIZ_ENROLMENT_SHARE = 0.03;

/** What is drawn for one course, in a fixed order from the generator's stream. */
export interface CourseSpec {
  topic: (typeof words.TOPICS)[number];
  level: (typeof words.LEVELS)[number];
  group: TargetGroup;
  groups: TargetGroup[];
  language: Locale;
  format: CourseFormat;
  publishedAt: number;
  startsAt: number | null;
  endsAt: number | null;
  closesAt: number | null;
  learningHours: number;
  capacity: number | null;
  venue: string;
  lessonsPerModule: number[];
}

export function drawCourse(random: SeededRandom, i: number, courses: number): CourseSpec {
  const topic = random.pick(words.TOPICS);
  const level = random.pick(words.LEVELS);
  const group = random.weighted(words.TARGET_GROUP_MIX) as TargetGroup;
  const groups: TargetGroup[] = random.next() < 0.3 ? [...new Set<TargetGroup>([group, 'general_public'])] : [group];
  const language = random.weighted(LANGUAGES);
  const format = random.weighted(FORMATS);
  const publishedAt = DATA_EPOCH + Math.floor((i / courses) * DATA_SPAN_MS) + random.int(0, DAY);
  const startsAt = format !== 'self_paced' ? publishedAt + random.int(14, 60) * DAY : null;
  const endsAt = startsAt === null ? null : startsAt + random.int(1, 30) * DAY;
  const learningHours = random.int(2, 40) / 2;
  const capacity = format === 'onsite_workshop' ? random.pick([20, 30, 40, 60]) : null;
  const venue = random.pick(words.VENUES);
  const lessonsPerModule = Array.from({ length: random.int(...MODULES) }, () => random.int(...LESSONS_PER_MODULE));
  return { topic, level, group, groups, language, format, publishedAt, startsAt, endsAt, closesAt: startsAt === null ? null : startsAt - 3 * DAY, learningHours, capacity, venue, lessonsPerModule };
}

/**
 * The courses that end with a quiz: online ones (not onsite workshops), taken in a seeded order
 * until their expected share of enrolments reaches QUIZ_ENROLMENT_SHARE, so the number of
 * completions needing a passed attempt scales with the learners at every size.
 */
export function chooseQuizCourses(seed: string, specs: readonly CourseSpec[]): Set<number> {
  const shares = enrolmentShares(seed, specs.length);
  const keys = specs.map((_, i) => stableUuid(seed, 'quiz-course', i));
  const candidates = specs.map((_, i) => i).filter((i) => specs[i].format !== 'onsite_workshop').sort((a, b) => keys[a].localeCompare(keys[b]));
  const chosen = new Set<number>();
  let total = 0;
  for (const i of candidates) {
    if (total >= QUIZ_ENROLMENT_SHARE) break;
    chosen.add(i);
    total += shares[i];
  }
  return chosen;
}

const isoAt = (ms: number) => new Date(ms).toISOString();
const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * The outline of course `i` (ids equal in draft rows and snapshot, as publishing keeps them) and
 * its lesson rows (`lesson` columns after `course_id`). Dated courses open with their live or
 * onsite session; a quiz course ends with its quiz. Required: each module's first lesson, videos,
 * the last lesson before the quiz (or the course's last), and the quiz. `tracked` counts the
 * lessons progress updates record (not sessions, not the quiz): numbered 0… in outline order.
 */
export function courseOutline(seed: string, i: number, spec: CourseSpec, quizId: string | null): { outline: PublishedModule[]; rows: CopyValue[][]; tracked: number } {
  const { topic, format, startsAt, capacity, publishedAt, venue, lessonsPerModule } = spec;
  const outline: PublishedModule[] = [];
  const rows: CopyValue[][] = [];
  let n = 0;
  let tracked = 0;
  lessonsPerModule.forEach((count, m) => {
    const moduleId = stableUuid(seed, `course-${i}-module`, m);
    const lastModule = m === lessonsPerModule.length - 1;
    const moduleLessons: PublishedModule['lessons'] = [];
    for (let l = 0; l < count + (lastModule && quizId ? 1 : 0); l++) {
      const lessonId = stableUuid(seed, `course-${i}-lesson`, n++);
      const session = startsAt !== null && m === 0 && l === 0;
      const lessonStarts = session ? startsAt + 9 * 3_600_000 : null;
      const lessonEnds = lessonStarts === null ? null : lessonStarts + 3 * 3_600_000;
      const lastTracked = lastModule && l === count - 1;
      const lesson: PublishedModule['lessons'][number] = l === count
        ? { id: lessonId, type: 'quiz', title: 'แบบทดสอบหลังเรียน', required: true, position: l, durationMinutes: 20, content: { quizId } }
        : session
          ? format === 'online_class'
            ? { id: lessonId, type: 'live_session', title: 'เรียนสดออนไลน์', required: true, position: l, durationMinutes: 180, content: { meetingUrl: `https://meet.example.org/bench-${i}`, startsAt: isoAt(lessonStarts ?? 0), endsAt: isoAt(lessonEnds ?? 0) } }
            : { id: lessonId, type: 'onsite_session', title: 'เรียนที่ศูนย์', required: true, position: l, durationMinutes: 180,
                content: { venue, address: `${words.PROVINCE}`, mapUrl: null, startsAt: isoAt(lessonStarts ?? 0), endsAt: isoAt(lessonEnds ?? 0), capacity } }
          : l === 1
            ? { id: lessonId, type: 'video', title: `วิดีโอ: ${topic.th} ตอนที่ ${m + 1}`, required: true, position: l, durationMinutes: 12, content: { source: 'url', url: `https://video.example.org/bench-${i}-${m}`, captions: [], transcript: null } }
            : { id: lessonId, type: 'text', title: `${topic.th} ตอนที่ ${n}`, required: l === 0 || lastTracked, position: l, durationMinutes: 15, content: { body: `เนื้อหาบทเรียน${topic.th}ตอนที่ ${n}` } };
      if (lesson.type !== 'quiz' && !session) tracked++;
      moduleLessons.push(lesson);
      rows.push([lessonId, moduleId, lesson.type, lesson.title, lesson.required, l, lesson.durationMinutes, lesson.content, date(lessonStarts), date(lessonEnds), date(publishedAt - DAY), date(publishedAt - DAY)]);
    }
    outline.push({ id: moduleId, title: `บทที่ ${m + 1}: ${topic.th}`, position: m, lessons: moduleLessons });
  });
  return { outline, rows, tracked };
}
