import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { ApiError } from '../../api/errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { Link as NavLink } from '../../routing/link';
import { useLocation } from '../../routing/location';
import { EmptyState, ErrorState, Link, LoadingState, ProgressBar } from '../../ui';
import { coursePath } from '../home/course-card';
import type { PlayerCourseDto, PlayerLessonDto, ProgressStatus } from './learning-api';
import { idAfter, LEARNING_ROUTES, learningKeys, playerHref, titleText, useLearningApi, useLocale } from './learning-common';
import { useLearningTranslation } from './learning-i18n';
import { LessonView, RecordingProvider } from './lesson-view';
import type { QueuedProgress } from './progress-queue';
import { useProgressQueueState } from './progress-sync';
import { SyncStatus } from './sync-status';

const DONE_PERCENT = 90;

/** A lesson's status as the learner should see it: the API's, raised by updates still in the queue. */
export function effectiveStatus(lesson: PlayerLessonDto, pending: readonly QueuedProgress[]): { status: ProgressStatus; percent: number } {
  let { status, percent } = lesson.progress;
  for (const item of pending) {
    if (item.lessonId !== lesson.id) continue;
    percent = Math.max(percent, item.percent ?? 0);
    const done = item.completed || (lesson.type === 'video' && (item.percent ?? 0) >= DONE_PERCENT);
    if (done) status = 'completed';
    else if (status === 'not_started') status = 'in_progress';
  }
  if (status === 'completed') percent = Math.max(percent, 100);
  return { status, percent };
}

/** `/learning/courses/{courseId}?lesson={lessonId}`: the course player. */
export default function PlayerPage() {
  const { t } = useLearningTranslation();
  const { pathname, searchParams } = useLocation();
  const courseId = idAfter(LEARNING_ROUTES.playerPrefix, pathname);
  const api = useLearningApi();
  const player = useQuery({ queryKey: learningKeys.player(courseId), queryFn: ({ signal }) => api.player(courseId, signal) });
  const locale = useLocale();
  const title = player.data ? titleText(player.data.course.title, locale) : null;
  useDocumentTitle(title?.text || t('player.loading'));

  if (player.isPending) return <LoadingState label={t('player.loading')} placeholders={4} />;
  if (player.isError) {
    if (player.error instanceof ApiError && (player.error.status === 403 || player.error.status === 404)) {
      return (
        <div className="page learning-page">
          <h1>{t('player.noAccessTitle')}</h1>
          <EmptyState title={t('player.noAccess')} action={<Link href={LEARNING_ROUTES.myLearning}>{t('player.backToMyLearning')}</Link>} />
        </div>
      );
    }
    return (
      <div className="page learning-page">
        <h1>{t('player.loadFailedTitle')}</h1>
        <ErrorState title={t('player.loadFailed')} error={player.error} retrying={player.isFetching} onRetry={() => void player.refetch()} />
      </div>
    );
  }
  return <Player data={player.data} lessonId={searchParams.get('lesson')} />;
}

function Player({ data, lessonId }: { data: PlayerCourseDto; lessonId: string | null }) {
  const { t } = useLearningTranslation();
  const locale = useLocale();
  const { pending } = useProgressQueueState();
  const lessons = data.modules.flatMap((module) => module.lessons);
  const current =
    lessons.find((lesson) => lesson.id === lessonId) ??
    lessons.find((lesson) => lesson.id === data.resumeLessonId) ??
    lessons.find((lesson) => lesson.id === data.nextLessonId) ??
    lessons.find((lesson) => !lesson.locked) ??
    lessons[0];
  const index = current ? lessons.indexOf(current) : -1;
  const previous = index > 0 ? lessons[index - 1] : null;
  const next = index >= 0 && index < lessons.length - 1 ? lessons[index + 1] : null;
  const title = titleText(data.course.title, locale);
  // Lesson titles are in the course's language, which the player does not name: no lang mark here.
  const lang = undefined;
  const completed = data.enrollment?.status === 'completed' || data.completion.met;
  // Progress is recorded for an enrolled learner only (an instructor may open the player too).
  const learner = data.enrollment?.status === 'active' || data.enrollment?.status === 'completed';
  const { completion } = data;

  return (
    <div className="page learning-page player">
      <p className="player__back">
        <Link href={LEARNING_ROUTES.myLearning}>{t('player.backToMyLearning')}</Link> · <Link href={coursePath(data.course.slug)}>{t('player.aboutCourse')}</Link>
      </p>
      <h1 lang={title.lang}>{title.text}</h1>
      <SyncStatus courseId={data.course.id} />
      {!learner && <p className="learning-sync learning-sync--waiting">{t('player.notRecorded')}</p>}

      <section className="learning-box player__progress" aria-labelledby="progress-heading">
        <h2 id="progress-heading" className="visually-hidden">
          {t('player.progressHeading')}
        </h2>
        <ProgressBar label={t('player.courseProgress')} value={data.progressPercent} />
        {completed ? (
          <p className="player__completed">
            {data.enrollment?.completedAt ? t('player.completedOn', { date: formatDate(data.enrollment.completedAt, locale) }) : t('player.completed')}
          </p>
        ) : (
          <ul role="list" className="player__rule">
            <li>{t('player.requiredDone', { done: formatNumber(completion.requiredDone, locale), total: formatNumber(completion.requiredTotal, locale) })}</li>
            {completion.requiredAttendancePercent !== null && (
              <li>
                {t('player.attendance', {
                  percent: formatNumber(completion.attendancePercent ?? 0, locale),
                  needed: formatNumber(completion.requiredAttendancePercent, locale),
                })}
              </li>
            )}
          </ul>
        )}
      </section>

      <div className="player__layout">
        <nav className="player__nav" aria-label={t('player.lessonsNav')}>
          {data.modules.map((module) => (
            <section key={module.id} aria-labelledby={`module-${module.id}`}>
              <h2 id={`module-${module.id}`} className="player__module" lang={lang}>
                {module.title}
              </h2>
              <ol className="player__lessons">
                {module.lessons.map((lesson) => (
                  <LessonNavItem key={lesson.id} lesson={lesson} courseId={data.course.id} current={lesson.id === current?.id} lang={lang} pending={pending} />
                ))}
              </ol>
            </section>
          ))}
        </nav>

        <div className="player__lesson">
          {current ? (
            <RecordingProvider value={learner}>
            <LessonView
              key={current.id}
              lesson={current}
              courseId={data.course.id}
              lang={lang}
              sequential={data.course.sequential}
              status={effectiveStatus(current, pending)}
            />
            </RecordingProvider>
          ) : (
            <EmptyState title={t('player.noLessons')} />
          )}
          <p className="player__pager">
            {previous && (
              <Link variant="button-secondary" href={playerHref(data.course.id, previous.id)}>
                {t('player.previous')}
              </Link>
            )}
            {next && !next.locked && (
              <Link variant="button" href={playerHref(data.course.id, next.id)}>
                {t('player.next')}
              </Link>
            )}
          </p>
        </div>
      </div>
    </div>
  );
}

function LessonNavItem({ lesson, courseId, current, lang, pending }: { lesson: PlayerLessonDto; courseId: string; current: boolean; lang?: string; pending: readonly QueuedProgress[] }) {
  const { t } = useLearningTranslation();
  const { status } = effectiveStatus(lesson, pending);
  const state = lesson.locked ? t('player.state.locked') : t(`player.state.${status}`);
  const meta = (
    <span className="player__lesson-meta">
      {t(`lessonType.${lesson.type}`)} · {state}
      {!lesson.required && <> · {t('player.optional')}</>}
    </span>
  );
  return (
    <li className={`player__lesson-item player__lesson-item--${lesson.locked ? 'locked' : status}`}>
      {lesson.locked ? (
        <span className="player__lesson-link" aria-disabled="true">
          <span aria-hidden="true" className="player__icon">
            🔒
          </span>{' '}
          <span lang={lang}>{lesson.title}</span> {meta}
        </span>
      ) : (
        <NavLink href={playerHref(courseId, lesson.id)} className="player__lesson-link" aria-current={current ? 'page' : undefined}>
          <span aria-hidden="true" className="player__icon">
            {status === 'completed' ? '✓' : status === 'in_progress' ? '◐' : '○'}
          </span>{' '}
          <span lang={lang}>{lesson.title}</span> {meta}
        </NavLink>
      )}
    </li>
  );
}
