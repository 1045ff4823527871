import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatDate, formatNumber, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { Button, Cell, Column, EmptyState, ErrorState, LoadingState, Row, Table, TableBody, TableHeader } from '../../ui';
import type { CourseProgressDto } from './teaching-api';
import { teachingKeys, useCursorPages, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';

/** Progress per learner (percent, lessons done, sessions attended, completion) and per lesson. */
export function ProgressPanel({ courseId }: { courseId: string }) {
  const { t, i18n } = useTeachingTranslation();
  const api = useTeachingApi();
  const pages = useCursorPages('');
  const n = (value: number) => formatNumber(value, currentLocale(i18n));
  const progress = useQuery({
    queryKey: [...teachingKeys.progress(courseId), { cursor: pages.cursor }],
    queryFn: ({ signal }) => api.progress(courseId, pages.cursor, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });

  if (progress.isPending) return <LoadingState label={t('progress.loading')} />;
  if (progress.isError) {
    return <ErrorState title={t('progress.loadFailed')} error={progress.error} onRetry={() => void progress.refetch()} retrying={progress.isFetching} />;
  }
  const nextCursor = progress.data.nextCursor ?? null;
  return (
    <div className="teaching-stack">
      <section aria-labelledby="teaching-progress-heading" className="teaching-stack">
        <h2 id="teaching-progress-heading">{t('progress.learnersHeading')}</h2>
        {progress.data.learners !== undefined && progress.data.completed !== undefined && (
          <p>{t('progress.summary', { completed: n(progress.data.completed), learners: n(progress.data.learners), count: progress.data.learners })}</p>
        )}
        {progress.data.items.length === 0 ? <EmptyState title={t('progress.none')} headingLevel={3} /> : <LearnerTable data={progress.data} />}
        {(pages.page > 1 || nextCursor) && (
          <div className="teaching-actions" role="group" aria-label={t('roster.paging')}>
            <Button variant="secondary" isDisabled={pages.page === 1} onPress={pages.previous}>
              {t('roster.previous')}
            </Button>
            <Button variant="secondary" isDisabled={!nextCursor || progress.isPlaceholderData} onPress={() => nextCursor && pages.next(nextCursor)}>
              {t('roster.next')}
            </Button>
          </div>
        )}
      </section>
      {progress.data.lessons.length > 0 && <LessonTable data={progress.data} />}
    </div>
  );
}

function LearnerTable({ data }: { data: CourseProgressDto }) {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  return (
    <Table aria-labelledby="teaching-progress-heading" className="teaching-table">
      <TableHeader>
        <Column isRowHeader>{t('roster.col.name')}</Column>
        <Column>{t('roster.col.status')}</Column>
        <Column>{t('progress.col.percent')}</Column>
        <Column>{t('progress.col.lessons')}</Column>
        <Column>{t('progress.col.sessions')}</Column>
        <Column>{t('progress.col.completedAt')}</Column>
      </TableHeader>
      <TableBody items={data.items.map((item) => ({ ...item, id: item.userId }))}>
        {(item) => (
          <Row id={item.userId}>
            <Cell>
              <span className="teaching-name">{item.displayName}</span>
            </Cell>
            <Cell>
              <span className={`teaching-badge teaching-badge--${item.status}`}>{t(`status.${item.status}`)}</span>
            </Cell>
            <Cell>
              <span className="teaching-percent">
                <span className="teaching-meter" aria-hidden="true">
                  <span style={{ width: `${Math.max(0, Math.min(100, item.progressPercent))}%` }} />
                </span>
                {formatNumber(item.progressPercent / 100, locale, { style: 'percent', maximumFractionDigits: 0 })}
              </span>
            </Cell>
            <Cell>{formatNumber(item.completedLessons, locale)}</Cell>
            <Cell>{formatNumber(item.attendedSessions, locale)}</Cell>
            <Cell>{item.completedAt ? <time dateTime={isoDate(item.completedAt)}>{formatDate(item.completedAt, locale)}</time> : '–'}</Cell>
          </Row>
        )}
      </TableBody>
    </Table>
  );
}

function LessonTable({ data }: { data: CourseProgressDto }) {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  return (
    <section aria-labelledby="teaching-lessons-heading" className="teaching-stack">
      <h2 id="teaching-lessons-heading">{t('progress.lessonsHeading')}</h2>
      <Table aria-labelledby="teaching-lessons-heading" className="teaching-table">
        <TableHeader>
          <Column isRowHeader>{t('progress.col.lesson')}</Column>
          <Column>{t('progress.col.completedBy')}</Column>
          <Column>{t('progress.col.inProgress')}</Column>
        </TableHeader>
        <TableBody items={data.lessons.map((lesson) => ({ ...lesson, id: lesson.lessonId }))}>
          {(lesson) => (
            <Row id={lesson.lessonId}>
              <Cell>
                <span className="teaching-name">{lesson.title}</span>
                {lesson.required === false && <span className="teaching-muted teaching-block">{t('progress.optional')}</span>}
              </Cell>
              <Cell>{t('progress.learnerCount', { count: lesson.completed, formatted: formatNumber(lesson.completed, locale) })}</Cell>
              <Cell>{lesson.inProgress === undefined ? '–' : t('progress.learnerCount', { count: lesson.inProgress, formatted: formatNumber(lesson.inProgress, locale) })}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </section>
  );
}
