import type { Locale, LocalizedText } from './locale';
import type { TargetGroup } from './target-group';

export const COURSE_FORMATS = ['self_paced', 'online_class', 'onsite_workshop', 'blended'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/** Lesson types; `quiz` is a placeholder filled by the quiz issue (issue 8). */
export const LESSON_TYPES = ['text', 'video', 'file', 'link', 'live_session', 'onsite_session', 'quiz'] as const;
export type LessonType = (typeof LESSON_TYPES)[number];

/** Session lessons: the ones with a start and end time and attendance (issue 7). */
export const SESSION_LESSON_TYPES = ['live_session', 'onsite_session'] as const satisfies readonly LessonType[];

export interface CaptionTrack {
  /** BCP 47 language of the captions, e.g. `th`, `en`, `vi`. */
  language: string;
  label: string;
  /** A WebVTT file in media storage. */
  mediaId: string;
}

/** What each lesson type holds, besides its title. Stored as jsonb; validated by the API's DTOs. */
export interface LessonContentByType {
  text: { body: string };
  video: { source: 'upload'; mediaId: string; captions: CaptionTrack[]; transcript: string | null }
    | { source: 'url'; url: string; captions: CaptionTrack[]; transcript: string | null };
  file: { mediaId: string; description: string | null };
  link: { url: string; description: string | null };
  live_session: { meetingUrl: string; startsAt: string; endsAt: string };
  onsite_session: {
    venue: string;
    address: string;
    mapUrl: string | null;
    startsAt: string;
    endsAt: string;
    capacity: number | null;
  };
  quiz: { quizId: string | null };
}

export type LessonContent<T extends LessonType = LessonType> = LessonContentByType[T];

/** A lesson as learners see it in a published version. Ids stay stable across publishes. */
export interface PublishedLesson {
  id: string;
  type: LessonType;
  title: string;
  required: boolean;
  position: number;
  /** Estimated minutes, for the learner's planning; null when unknown. */
  durationMinutes: number | null;
  content: LessonContent;
}

export interface PublishedModule {
  id: string;
  title: string;
  position: number;
  lessons: PublishedLesson[];
}

/**
 * One published version of a course: what learners see until the next publish. Written once per
 * publish into `course_version.snapshot` and never changed.
 */
export interface PublishedCourseSnapshot {
  courseId: string;
  version: number;
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  /** Markdown, already sanitised when saved. */
  description: LocalizedText;
  language: Locale;
  targetGroups: TargetGroup[];
  format: CourseFormat;
  categorySlug: string | null;
  tags: string[];
  coverMediaId: string | null;
  capacity: number | null;
  enrollmentOpensAt: string | null;
  enrollmentClosesAt: string | null;
  startsAt: string | null;
  endsAt: string | null;
  learningHours: number | null;
  /** Lessons must be completed in order (issue 7). */
  sequential: boolean;
  /**
   * Completion rule (issue 7): with a number, sessions count together (attended ≥ this %); null,
   * each required session is attended like any required lesson. Absent in snapshots published
   * before the rule existed, which means null.
   */
  completionAttendancePercent?: number | null;
  ownerId: string;
  instructorIds: string[];
  modules: PublishedModule[];
  publishedAt: string;
  publishedById: string;
}

/**
 * The Thai fiscal year of a date, named in the Buddhist Era: 1 Oct – 30 Sep, so 1 Oct 2022 to
 * 30 Sep 2023 is FY 2566. Computed in Bangkok time (UTC+7, no daylight saving), where the
 * programme's year turns.
 */
export function thaiFiscalYear(date: Date | string): number {
  const bangkok = new Date(new Date(date).getTime() + 7 * 3_600_000);
  const year = bangkok.getUTCFullYear();
  const month = bangkok.getUTCMonth(); // 0 = January; 9 = October
  return (month >= 9 ? year + 1 : year) + 543;
}

/** The first and last instant (exclusive end) of a Thai fiscal year, for range queries. */
export function thaiFiscalYearRange(fiscalYearBe: number): { start: Date; end: Date } {
  const ce = fiscalYearBe - 543;
  return {
    start: new Date(Date.UTC(ce - 1, 9, 1) - 7 * 3_600_000),
    end: new Date(Date.UTC(ce, 9, 1) - 7 * 3_600_000),
  };
}
