import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { formatDate, formatNumber } from '../../i18n/format';
import { formatTime } from '../catalog/format-time';
import { coursePath } from '../home/course-card';
import { Button, EmptyState, ErrorState, Link, LoadingState, ProgressBar } from '../../ui';
import type { LearningCourseDto, LearningSectionsDto } from './learning-api';
import { learningKeys, playerHref, titleText, useLearningApi, useLocale } from './learning-common';
import { useLearningTranslation } from './learning-i18n';
import { SyncStatus } from './sync-status';

/** `/learning`: the learner's courses (current, waiting, completed), and each child's for a guardian. */
export default function MyLearningPage() {
  const { t } = useLearningTranslation();
  const api = useLearningApi();
  useDocumentTitle(t('my.title'));
  const learning = useQuery({ queryKey: learningKeys.myLearning(), queryFn: ({ signal }) => api.myLearning(signal) });

  return (
    <div className="page learning-page">
      <h1>{t('my.title')}</h1>
      <SyncStatus />
      {learning.isPending ? (
        <LoadingState label={t('my.loading')} placeholders={3} />
      ) : learning.isError ? (
        <ErrorState title={t('my.loadFailed')} error={learning.error} retrying={learning.isFetching} onRetry={() => void learning.refetch()} />
      ) : (
        <>
          <CalendarDownload includeChildren={(learning.data.children?.length ?? 0) > 0} />
          <Sections sections={learning.data} idPrefix="me" />
          {learning.data.children?.map((child) => (
            <section key={child.userId} className="learning-child" aria-labelledby={`child-${child.userId}`}>
              <h2 id={`child-${child.userId}`}>{t('my.childHeading', { name: child.displayName })}</h2>
              <Sections sections={child} idPrefix={child.userId} level={3} isChild />
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function Sections({ sections, idPrefix, level = 2, isChild = false }: { sections: LearningSectionsDto; idPrefix: string; level?: 2 | 3; isChild?: boolean }) {
  const { t } = useLearningTranslation();
  const H = level === 2 ? 'h2' : 'h3';
  const nothing = sections.current.length + sections.waitlisted.length + sections.completed.length === 0;
  if (nothing) {
    return (
      <EmptyState headingLevel={level} title={t('my.empty')} action={<Link href="/">{t('my.browse')}</Link>}>
        <p>{t('my.emptyHint')}</p>
      </EmptyState>
    );
  }
  const list = (key: 'current' | 'waitlisted' | 'completed') =>
    sections[key].length > 0 && (
      <section aria-labelledby={`${idPrefix}-${key}`}>
        <H id={`${idPrefix}-${key}`}>{t(`my.${key}`)}</H>
        <ul role="list" className="learning-cards">
          {sections[key].map((course) => (
            <CourseItem key={course.courseId} course={course} kind={key} headingLevel={level === 2 ? 3 : 4} isChild={isChild} />
          ))}
        </ul>
      </section>
    );
  return (
    <>
      {list('current')}
      {list('waitlisted')}
      {list('completed')}
    </>
  );
}

function CourseItem({ course, kind, headingLevel, isChild }: { course: LearningCourseDto; kind: 'current' | 'waitlisted' | 'completed'; headingLevel: 3 | 4; isChild: boolean }) {
  const { t } = useLearningTranslation();
  const locale = useLocale();
  const title = titleText(course.title, locale);
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const session = course.nextSession;
  return (
    <li className="learning-card">
      <H className="learning-card__title" lang={title.lang}>
        <Link href={coursePath(course.slug)}>{title.text}</Link>
      </H>
      {kind !== 'waitlisted' && <ProgressBar label={t('my.progress')} value={course.progressPercent} />}
      {kind === 'waitlisted' && <p>{course.waitlistPosition ? t('my.waitingPlace', { position: formatNumber(course.waitlistPosition, locale) }) : t('my.waitingHint')}</p>}
      {kind === 'completed' && course.completedAt && <p>{t('my.completedOn', { date: formatDate(course.completedAt, locale) })}</p>}
      {session && (
        <p className="learning-card__session">
          <strong>{t('my.nextSession')}:</strong> <span>{session.title}</span>,{' '}
          <span className="nowrap">{formatDate(session.startsAt, locale)}</span>{' '}
          <span className="nowrap">
            {formatTime(session.startsAt, locale)}–{formatTime(session.endsAt, locale)}
          </span>
          {session.venue && <>, {session.venue}</>}
        </p>
      )}
      {!isChild && kind !== 'waitlisted' && (
        <p>
          <Link variant={kind === 'current' ? 'button' : 'button-secondary'} href={playerHref(course.courseId, course.resumeLessonId)}>
            {kind === 'completed' ? t('my.review', { title: title.text }) : course.progressPercent > 0 ? t('my.resume', { title: title.text }) : t('my.start', { title: title.text })}
          </Link>
        </p>
      )}
    </li>
  );
}

/** Downloads the upcoming sessions as an .ics file (fetched with the token, then saved). */
function CalendarDownload({ includeChildren }: { includeChildren: boolean }) {
  const { t } = useLearningTranslation();
  const api = useLearningApi();
  const [state, setState] = useState<'idle' | 'pending' | 'failed'>('idle');
  const download = async () => {
    setState('pending');
    try {
      const blob = await api.sessionsIcs(includeChildren);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'baanrian-sessions.ics';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="learning-calendar">
      <Button variant="secondary" isPending={state === 'pending'} onPress={() => state !== 'pending' && void download()}>
        {t('my.calendar')}
      </Button>
      <p className="learning-hint">{t('my.calendarHint')}</p>
      {state === 'failed' && (
        <p role="alert" className="learning-error">
          {t('my.calendarFailed')}
        </p>
      )}
    </div>
  );
}
