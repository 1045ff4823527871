import { useQuery } from '@tanstack/react-query';
import { RequireSession } from '../../auth/require-session';
import { formatDate, formatNumber, isoDate } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { useSearchParam } from '../../routing/location';
import { EmptyState, ErrorState, Link, LoadingState } from '../../ui';
import { formatTime } from '../catalog/format-time';
import { PageShell, TeachingHeader, useCourseTitle } from './course-context';
import { MissingCourse } from './learners-page';
import type { SessionSummaryDto } from './teaching-api';
import { checkInHref, learnersHref, parseId, sessionHref, studioCourseHref, TEACHING_ROLES, teachingKeys, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';
import './teaching.css';

/** `/studio/sessions?id={courseId}`: the course's live and on-site sessions with their counts. */
export default function SessionsPage() {
  return (
    <RequireSession roles={TEACHING_ROLES}>
      <Sessions />
    </RequireSession>
  );
}

function Sessions() {
  const { t } = useTeachingTranslation();
  const api = useTeachingApi();
  const [courseId] = useSearchParam('id', parseId);
  const course = useCourseTitle(courseId);
  const sessions = useQuery({
    queryKey: teachingKeys.sessions(courseId ?? ''),
    queryFn: ({ signal }) => api.sessions(courseId ?? '', signal),
    enabled: courseId !== null,
    staleTime: 0,
  });
  if (courseId === null) return <MissingCourse />;
  return (
    <PageShell>
      <TeachingHeader title={t('sessions.title')} context={course.title} contextLang={course.lang} back={{ href: studioCourseHref(courseId), label: t('common.backToCourse') }} />
      <p>
        <Link href={learnersHref(courseId)}>{t('sessions.toLearners')}</Link>
      </p>
      {sessions.isPending ? (
        <LoadingState label={t('sessions.loading')} />
      ) : sessions.isError ? (
        <ErrorState title={t('sessions.loadFailed')} error={sessions.error} onRetry={() => void sessions.refetch()} retrying={sessions.isFetching} />
      ) : sessions.data.length === 0 ? (
        <EmptyState title={t('sessions.none')}>
          <p>{t('sessions.noneHint')}</p>
        </EmptyState>
      ) : (
        <ul role="list" className="teaching-list">
          {sessions.data.map((session) => (
            <SessionItem key={session.lessonId} session={session} courseId={courseId} />
          ))}
        </ul>
      )}
    </PageShell>
  );
}

/** "20 Nov 2026, 13:00–15:00" in Thai time; nothing when the session has no time yet. */
export function useSessionWhen(session: Pick<SessionSummaryDto, 'startsAt' | 'endsAt'>): string {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  if (!session.startsAt) return t('sessions.noTime');
  const start = `${formatDate(session.startsAt, locale)} ${formatTime(session.startsAt, locale)}`;
  return session.endsAt ? `${start}–${formatTime(session.endsAt, locale)}` : start;
}

function SessionItem({ session, courseId }: { session: SessionSummaryDto; courseId: string }) {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  const when = useSessionWhen(session);
  const n = (value: number) => formatNumber(value, locale);
  const headingId = `teaching-session-${session.lessonId}`;
  return (
    <li className="teaching-card teaching-stack teaching-stack--tight">
      <h2 id={headingId} className="teaching-item-title">
        {session.title}
      </h2>
      <p className="teaching-meta">
        <span className="teaching-badge">{t(`sessionType.${session.type}`)}</span>
        {session.startsAt ? <time dateTime={isoDate(session.startsAt)}>{when}</time> : <span>{when}</span>}
        {session.venue && <span>{session.venue}</span>}
      </p>
      <dl className="teaching-figures teaching-figures--small">
        <div>
          <dt>{t('sessions.enrolled')}</dt>
          <dd>{n(session.enrolled)}</dd>
        </div>
        <div>
          <dt>{t('sessions.present')}</dt>
          <dd>{n(session.present)}</dd>
        </div>
        <div>
          <dt>{t('sessions.absent')}</dt>
          <dd>{n(session.absent)}</dd>
        </div>
        <div>
          <dt>{t('sessions.walkIns')}</dt>
          <dd>{n(session.walkIns)}</dd>
        </div>
      </dl>
      <p className="teaching-actions">
        <Link href={sessionHref(session.lessonId, courseId)} aria-describedby={headingId}>
          {t('sessions.attendance')}
        </Link>
        <Link href={checkInHref(session.lessonId, courseId)} aria-describedby={headingId}>
          {t('sessions.checkIn')}
        </Link>
        {session.type === 'onsite_session' && (
          <Link href={sessionHref(session.lessonId, courseId, 'walk-in')} aria-describedby={headingId}>
            {t('sessions.walkIn')}
          </Link>
        )}
      </p>
    </li>
  );
}
