import type { LessonType, PublishedModule } from '@baanrian/contracts';
import { assessCompletion } from './completion.rule';

const lesson = (id: string, type: LessonType, required = true) => ({ id, type, title: id, required, position: 0, durationMinutes: null, content: {} as never });
const course = (lessons: ReturnType<typeof lesson>[], completionAttendancePercent: number | null = null) => ({
  completionAttendancePercent,
  modules: [{ id: 'm', title: 'm', position: 0, lessons }] as PublishedModule[],
});

describe('the completion rule', () => {
  const outline = [lesson('read', 'text'), lesson('watch', 'video'), lesson('extra', 'link', false), lesson('s1', 'onsite_session'), lesson('s2', 'live_session'), lesson('s3', 'onsite_session')];

  it('needs every required lesson; optional lessons never hold a learner back', () => {
    const result = assessCompletion(course(outline), new Set(['read', 'watch']), new Set(['s1', 's2', 's3']));
    expect(result).toMatchObject({ met: true, requiredDone: 5, requiredTotal: 5 });
    expect(assessCompletion(course(outline), new Set(['read', 'extra']), new Set(['s1', 's2', 's3'])).met).toBe(false);
  });

  it('without a threshold, each required session must be attended', () => {
    const result = assessCompletion(course(outline), new Set(['read', 'watch']), new Set(['s1', 's2']));
    expect(result).toMatchObject({ met: false, requiredDone: 4, requiredTotal: 5, attendancePercent: null });
  });

  it('with a threshold, sessions count together, compared on counts rather than a rounded percentage', () => {
    const done = new Set(['read', 'watch']);
    expect(assessCompletion(course(outline, 67), done, new Set(['s1', 's2']))).toMatchObject({ met: false, attendancePercent: 66, requiredAttendancePercent: 67, requiredTotal: 2 });
    expect(assessCompletion(course(outline, 66), done, new Set(['s1', 's2'])).met).toBe(true);
    expect(assessCompletion(course(outline, 100), done, new Set(['s1', 's2', 's3'])).met).toBe(true);
  });

  it('a course with nothing required completes when every lesson is done, and an empty course never does', () => {
    const optional = [lesson('a', 'text', false), lesson('b', 'video', false)];
    expect(assessCompletion(course(optional), new Set(['a']), new Set()).met).toBe(false);
    expect(assessCompletion(course(optional), new Set(['a', 'b']), new Set()).met).toBe(true);
    expect(assessCompletion(course([]), new Set(), new Set()).met).toBe(false);
  });

  it('a quiz lesson counts once its progress is completed (written when the quiz is passed)', () => {
    const withQuiz = [lesson('read', 'text'), lesson('quiz', 'quiz')];
    expect(assessCompletion(course(withQuiz), new Set(['read']), new Set()).met).toBe(false);
    expect(assessCompletion(course(withQuiz), new Set(['read', 'quiz']), new Set()).met).toBe(true);
  });
});
