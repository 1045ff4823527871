import type { CaptionTrack, LessonContentByType, PublishedCourseSnapshot, PublishedLesson } from '@baanrian/contracts';
import { toPageLesson } from '../courses/course-page.builder';
import { renderMarkdown } from '../courses/markdown.renderer';
import type { LearnerCourseView, LessonState } from './learner-course.view';
import type { LessonProgressDto, PlayerCourseDto, PlayerEnrollmentDto, PlayerLessonContentDto } from './progress.dto';

/** A live session's link is shown from this long before the start until the end. */
export const JOIN_OPENS_MINUTES = 15;

const EMPTY: PlayerLessonContentDto = {
  bodyHtml: null, videoSource: null, mediaId: null, url: null, captions: [], transcript: null, description: null, meetingUrl: null, quizId: null,
};

const captionsOf = (tracks: CaptionTrack[] | undefined) => (tracks ?? []).map(({ language, label, mediaId }) => ({ language, label, mediaId }));

/** Picks the fields of each type one by one (never spreading stored content), like the public page. */
function contentOf(lesson: PublishedLesson, now: Date): PlayerLessonContentDto {
  switch (lesson.type) {
    case 'text':
      return { ...EMPTY, bodyHtml: renderMarkdown((lesson.content as LessonContentByType['text']).body ?? '') };
    case 'video': {
      const video = lesson.content as LessonContentByType['video'];
      return {
        ...EMPTY,
        videoSource: video.source,
        mediaId: video.source === 'upload' ? video.mediaId : null,
        url: video.source === 'url' ? video.url : null,
        captions: captionsOf(video.captions),
        transcript: video.transcript ?? null,
      };
    }
    case 'file': {
      const file = lesson.content as LessonContentByType['file'];
      return { ...EMPTY, mediaId: file.mediaId, description: file.description ?? null };
    }
    case 'link': {
      const link = lesson.content as LessonContentByType['link'];
      return { ...EMPTY, url: link.url, description: link.description ?? null };
    }
    case 'live_session': {
      const live = lesson.content as LessonContentByType['live_session'];
      const opens = Date.parse(live.startsAt) - JOIN_OPENS_MINUTES * 60_000;
      const joinable = now.getTime() >= opens && now.getTime() <= Date.parse(live.endsAt);
      return { ...EMPTY, meetingUrl: joinable ? live.meetingUrl : null };
    }
    case 'quiz':
      return { ...EMPTY, quizId: (lesson.content as LessonContentByType['quiz']).quizId ?? null };
    default:
      return EMPTY;
  }
}

export function toProgressDto(state: Pick<LessonState, 'progress' | 'done'> & { completedAt?: Date | null }): LessonProgressDto {
  const row = state.progress;
  return {
    status: state.done ? 'completed' : row ? row.status : 'not_started',
    // A video completes at 90 %: the share actually watched is kept. Attended sessions have no row.
    percent: row ? row.percent : state.done ? 100 : 0,
    positionSeconds: row?.positionSeconds ?? null,
    completedAt: state.completedAt?.toISOString() ?? null,
  };
}

/** The course player: the published version, with each lesson's content, lock and progress. */
export function buildPlayer(
  snapshot: PublishedCourseSnapshot,
  view: LearnerCourseView,
  enrollment: PlayerEnrollmentDto | null,
  completedAt: ReadonlyMap<string, Date>,
  now = new Date(),
): PlayerCourseDto {
  const states = new Map(view.lessons.map((state) => [state.lesson.id, state]));
  return {
    course: {
      id: snapshot.courseId,
      slug: snapshot.slug,
      title: snapshot.title,
      format: snapshot.format,
      sequential: snapshot.sequential,
      completionRule: { attendancePercent: snapshot.completionAttendancePercent ?? null },
    },
    enrollment,
    modules: [...snapshot.modules]
      .sort((a, b) => a.position - b.position)
      .map((module) => ({
        id: module.id,
        title: module.title,
        lessons: [...module.lessons]
          .sort((a, b) => a.position - b.position)
          .map((lesson) => {
            const state = states.get(lesson.id)!;
            return {
              ...toPageLesson(lesson, false),
              locked: state.locked,
              progress: toProgressDto({ ...state, completedAt: completedAt.get(lesson.id) ?? null }),
              content: state.locked ? null : contentOf(lesson, now),
            };
          }),
      })),
    progressPercent: view.progressPercent,
    nextLessonId: view.nextLessonId,
    resumeLessonId: view.resumeLessonId,
    completion: view.completion,
  };
}
