import type { CourseFormat } from '@baanrian/contracts';
import type pg from 'pg';
import type { SeededRandom } from './data.random';

/** Sizes of the province-scale data set (issue 11). Courses stay at 3,000: a province's catalogue. */
export const DATA_SIZES = {
  S: { learners: 2_000, instructors: 60, courses: 3_000 },
  M: { learners: 25_000, instructors: 150, courses: 3_000 },
  L: { learners: 250_000, instructors: 300, courses: 3_000 },
} as const;
export type DataSize = keyof typeof DATA_SIZES;

export interface DataPlan {
  seed: string;
  learners: number;
  instructors: number;
  courses: number;
}

/**
 * What generators share: the plan, a connection, a random stream of their own, and the ids and
 * logins earlier generators made (later ones, e.g. enrollments, read `learnerIds`/`courseIds`).
 */
export interface DataContext {
  plan: DataPlan;
  client: pg.ClientBase;
  random: SeededRandom;
  /** Progress lines (timings of the slow steps). */
  log: (line: string) => void;
  made: { learnerIds?: string[]; instructorIds?: string[]; courseIds?: string[]; courses?: MadeCourse[]; quizEnrollments?: MadeQuizEnrollment[] };
}

/** What later generators (enrolments, attendance) need to know about each generated course. */
export interface MadeCourse {
  id: string;
  format: CourseFormat;
  capacity: number | null;
  publishedAt: number;
  /** Its one live or onsite session, for dated courses. */
  sessionStartsAt: number | null;
  ownerId: string;
  /** Lessons progress updates record (not sessions, not the quiz). */
  trackedLessons: number;
  /** The quiz its last lesson points at, in quiz courses. */
  quiz: { id: string; lessonId: string } | null;
}

/** An enrolment in a quiz course that took a seat and started: what the quizzes generator builds attempts on. */
export interface MadeQuizEnrollment {
  id: string;
  userId: string;
  course: number;
  status: 'active' | 'completed';
  startedAt: number;
  /** For completed ones; the passed attempt is graded at this instant, as the worker completes the course. */
  completedAt: number | null;
}

/**
 * One table family of the bench data. Generators run in registry order and are cleared in
 * reverse order; each writes only rows it can recognise again (emails under BENCH_EMAIL_DOMAIN,
 * slugs starting `bench-`), so rerunning replaces the bench data and nothing else.
 */
export interface DataGenerator {
  name: string;
  /** Runs after the bulk tables have their indexes and keys back (it reads them heavily). */
  needsIndexes?: boolean;
  clear(client: pg.ClientBase): Promise<void>;
  generate(context: DataContext): Promise<Record<string, number>>;
}

export const BENCH_EMAIL_DOMAIN = 'bench.baanrian.test';
/** The password of every generated account; its one argon2id hash is shared (see learners). */
export const BENCH_PASSWORD = 'bench-learner-password';

/** A fixed clock: the data describes fiscal years 2567–2569 (1 Oct 2023 – 30 Sep 2026). */
export const DATA_EPOCH = Date.UTC(2023, 9, 1) - 7 * 3_600_000;
export const DATA_SPAN_MS = Date.UTC(2026, 8, 30) - Date.UTC(2023, 9, 1);
