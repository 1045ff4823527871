import { type LessonType, type PublishedCourseSnapshot, type PublishedLesson, SESSION_LESSON_TYPES } from '@baanrian/contracts';
import { assessCompletion, type CompletionAssessment } from '@baanrian/learning';

export interface ProgressRow {
  lessonId: string;
  status: 'in_progress' | 'completed';
  percent: number;
  positionSeconds: number | null;
  updatedAt: Date;
}

export interface LessonState {
  lesson: PublishedLesson;
  done: boolean;
  locked: boolean;
  progress: ProgressRow | null;
}

/** One learner's standing in one published course: the player, "My learning" and the studio all read it. */
export interface LearnerCourseView {
  lessons: LessonState[];
  completion: CompletionAssessment;
  progressPercent: number;
  nextLessonId: string | null;
  resumeLessonId: string | null;
  nextSession: PublishedLesson | null;
}

export const isSessionLesson = (type: LessonType) => (SESSION_LESSON_TYPES as readonly LessonType[]).includes(type);

/** Lessons in the order learners meet them (modules, then lessons, by position). */
export const lessonsInOrder = (snapshot: Pick<PublishedCourseSnapshot, 'modules'>): PublishedLesson[] =>
  [...snapshot.modules].sort((a, b) => a.position - b.position).flatMap((module) => [...module.lessons].sort((a, b) => a.position - b.position));

/**
 * Sequential courses: a lesson opens once every earlier REQUIRED lesson is done. Sessions never
 * lock what follows them: they happen on a date, not when the learner is ready, and the
 * completion rule already asks for them.
 */
function lockedIds(ordered: PublishedLesson[], sequential: boolean, isDone: (lesson: PublishedLesson) => boolean): Set<string> {
  const locked = new Set<string>();
  if (!sequential) return locked;
  let blocked = false;
  for (const lesson of ordered) {
    if (blocked) locked.add(lesson.id);
    if (lesson.required && !isSessionLesson(lesson.type) && !isDone(lesson)) blocked = true;
  }
  return locked;
}

export function learnerCourseView(
  snapshot: Pick<PublishedCourseSnapshot, 'modules' | 'sequential' | 'completionAttendancePercent'>,
  progress: ProgressRow[],
  attendedSessionIds: ReadonlySet<string>,
  options: { enrollmentCompleted?: boolean; now?: Date } = {},
): LearnerCourseView {
  const byLesson = new Map(progress.map((row) => [row.lessonId, row]));
  const completedIds = new Set(progress.filter((row) => row.status === 'completed').map((row) => row.lessonId));
  const isDone = (lesson: PublishedLesson) => (isSessionLesson(lesson.type) ? attendedSessionIds.has(lesson.id) : completedIds.has(lesson.id));
  const ordered = lessonsInOrder(snapshot);
  const locked = lockedIds(ordered, snapshot.sequential, isDone);
  const lessons = ordered.map((lesson) => ({ lesson, done: isDone(lesson), locked: locked.has(lesson.id), progress: byLesson.get(lesson.id) ?? null }));
  const completion = assessCompletion(snapshot, completedIds, attendedSessionIds);
  const met = completion.met || Boolean(options.enrollmentCompleted);
  const progressPercent = met ? 100 : completion.requiredTotal === 0 ? 0 : Math.floor((completion.requiredDone * 100) / completion.requiredTotal);
  const open = lessons.filter((state) => !state.done && !state.locked && !isSessionLesson(state.lesson.type));
  const started = open.filter((state) => state.progress).sort((a, b) => b.progress!.updatedAt.getTime() - a.progress!.updatedAt.getTime());
  const now = (options.now ?? new Date()).getTime();
  const time = (lesson: PublishedLesson, key: 'startsAt' | 'endsAt') => Date.parse((lesson.content as Partial<Record<typeof key, string>>)[key] ?? '') || 0;
  const nextSession = ordered.filter((l) => isSessionLesson(l.type) && time(l, 'endsAt') > now).sort((a, b) => time(a, 'startsAt') - time(b, 'startsAt'))[0] ?? null;
  return {
    lessons,
    completion,
    progressPercent,
    nextLessonId: open[0]?.lesson.id ?? null,
    resumeLessonId: (started[0] ?? open[0])?.lesson.id ?? null,
    nextSession,
  };
}
