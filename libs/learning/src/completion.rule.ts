import { type PublishedCourseSnapshot, SESSION_LESSON_TYPES, type LessonType } from '@baanrian/contracts';

/** Where a learner stands against their course's completion rule. */
export interface CompletionAssessment {
  met: boolean;
  /** Required lessons (sessions included when there is no attendance threshold) done and in all. */
  requiredDone: number;
  requiredTotal: number;
  /** Share of the course's sessions attended, when the rule has an attendance threshold. */
  attendancePercent: number | null;
  requiredAttendancePercent: number | null;
}

const isSession = (type: LessonType) => (SESSION_LESSON_TYPES as readonly LessonType[]).includes(type);

/**
 * The completion rule, as a pure function of the published version and what the learner did:
 * every required lesson completed (a quiz lesson is completed when passed), and either every
 * required session attended or, with a threshold, at least that share of all sessions. A course
 * with nothing required completes when every lesson is completed, so it never completes empty.
 */
export function assessCompletion(
  snapshot: Pick<PublishedCourseSnapshot, 'modules' | 'completionAttendancePercent'>,
  completedLessonIds: ReadonlySet<string>,
  attendedSessionIds: ReadonlySet<string>,
): CompletionAssessment {
  const lessons = snapshot.modules.flatMap((module) => module.lessons);
  const threshold = snapshot.completionAttendancePercent ?? null;
  const sessions = lessons.filter((lesson) => isSession(lesson.type));
  const judgedOneByOne = threshold === null ? lessons : lessons.filter((lesson) => !isSession(lesson.type));
  let required = judgedOneByOne.filter((lesson) => lesson.required);
  if (required.length === 0 && (threshold === null || sessions.length === 0)) required = judgedOneByOne;
  const done = (id: string, type: LessonType) => (isSession(type) ? attendedSessionIds.has(id) : completedLessonIds.has(id));
  const requiredDone = required.filter((lesson) => done(lesson.id, lesson.type)).length;

  let attendancePercent: number | null = null;
  let attendanceMet = true;
  if (threshold !== null && sessions.length > 0) {
    const attended = sessions.filter((lesson) => attendedSessionIds.has(lesson.id)).length;
    attendancePercent = Math.floor((attended * 100) / sessions.length);
    // Compared on counts, not the rounded percentage: 2 of 3 sessions is below 67 %.
    attendanceMet = attended * 100 >= threshold * sessions.length;
  }
  const met = lessons.length > 0 && requiredDone === required.length && attendanceMet;
  return { met, requiredDone, requiredTotal: required.length, attendancePercent, requiredAttendancePercent: threshold };
}
