import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { RequireSession } from '../../auth/require-session';
import { formatDate, formatNumber } from '../../i18n/format';
import { currentLocale } from '../../i18n/i18n';
import { useSearchParam } from '../../routing/location';
import { Button, EmptyState, ErrorState, Link, LoadingState } from '../../ui';
import { formatTime } from '../catalog/format-time';
import { PageShell, TeachingHeader } from './course-context';
import type { CheckInCodeDto } from './teaching-api';
import { parseId, sessionHref, sessionsHref, TEACHING_ROLES, teachingKeys, useNow, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';
import './teaching.css';

/**
 * The next code is fetched just after the rotation (the server's new window has begun); a learner
 * scanning the old code meanwhile is still accepted (current and previous window).
 */
const AFTER_ROTATION_MS = 250;
/** The live count polls the roster this often. */
export const CHECK_IN_POLL_MS = 5_000;

/** When to fetch the next code: just after this one rotates, never in a tight loop. */
export function nextCodeDelay(code: CheckInCodeDto | undefined, now: number): number | false {
  if (!code) return false;
  const expires = Date.parse(rotatesAt(code));
  const fallback = Math.max(5, code.rotatesEverySeconds) * 1000;
  if (Number.isNaN(expires)) return fallback;
  return Math.max(1_000, Math.min(expires - now + AFTER_ROTATION_MS, fallback));
}

/** When the code on screen is replaced (the API's rotatesAt; older answers only had expiresAt). */
const rotatesAt = (code: CheckInCodeDto) => code.rotatesAt ?? code.expiresAt;

/**
 * `/studio/check-in?id={lessonId}&course={courseId}`: the rotating QR code for a session, for a
 * screen or a projector, with the number of learners checked in so far and the address as text
 * for people who cannot scan.
 */
export default function CheckInPage() {
  return (
    <RequireSession roles={TEACHING_ROLES}>
      <CheckIn />
    </RequireSession>
  );
}

function CheckIn() {
  const { t, i18n } = useTeachingTranslation();
  const api = useTeachingApi();
  const locale = currentLocale(i18n);
  const [lessonId] = useSearchParam('id', parseId);
  const [courseParam] = useSearchParam('course', parseId);
  const now = useNow(1000);
  const stage = useRef<HTMLDivElement>(null);
  const [projector, setProjector] = useState(false);

  const code = useQuery({
    queryKey: teachingKeys.checkInCode(lessonId ?? ''),
    queryFn: ({ signal }) => api.checkInCode(lessonId ?? '', signal),
    enabled: lessonId !== null,
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => nextCodeDelay(query.state.data, Date.now()),
    refetchIntervalInBackground: true,
  });
  const roster = useQuery({
    queryKey: teachingKeys.attendance(lessonId ?? ''),
    queryFn: ({ signal }) => api.attendance(lessonId ?? '', signal),
    enabled: lessonId !== null,
    staleTime: 0,
    refetchInterval: CHECK_IN_POLL_MS,
    refetchIntervalInBackground: true,
  });

  // Leaving full screen (Esc, the browser's own control) also leaves projector mode.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setProjector(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  // The toggle button is replaced by its opposite: keep the focus on it.
  const wasProjector = useRef(false);
  useEffect(() => {
    if (wasProjector.current !== projector) stage.current?.querySelector<HTMLButtonElement>('.teaching-checkin__controls button')?.focus();
    wasProjector.current = projector;
    if (!projector) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setProjector(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [projector]);

  const enter = () => {
    setProjector(true);
    // Full screen where the browser allows it; the projector layout works without it too.
    void stage.current?.requestFullscreen?.().catch(() => undefined);
  };
  const exit = () => {
    setProjector(false);
    if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined);
  };

  const session = roster.data?.session;
  const courseId = courseParam ?? session?.courseId ?? null;
  const back = lessonId ? { href: sessionHref(lessonId, courseId), label: t('checkIn.back') } : courseId ? { href: sessionsHref(courseId), label: t('session.back') } : undefined;

  if (lessonId === null) {
    return (
      <PageShell>
        <TeachingHeader title={t('common.missingTitle')} back={{ href: '/studio', label: t('common.toStudio') }} />
        <EmptyState title={t('session.missing')} />
      </PageShell>
    );
  }

  const present = roster.data?.items.filter((item) => item.status === 'present').length ?? 0;
  const total = roster.data?.items.length ?? 0;
  const secondsLeft = code.data ? Math.max(0, Math.ceil((Date.parse(rotatesAt(code.data)) - now) / 1000)) : 0;

  return (
    <PageShell>
      <TeachingHeader title={t('checkIn.title')} context={session?.title} back={back} />
      <div ref={stage} className={projector ? 'teaching-checkin teaching-checkin--projector' : 'teaching-checkin'}>
        {projector && session && <p className="teaching-checkin__title">{session.title}</p>}
        {code.isPending ? (
          <LoadingState label={t('checkIn.loading')} />
        ) : code.isError ? (
          <ErrorState title={t('checkIn.loadFailed')} error={code.error} onRetry={() => void code.refetch()} retrying={code.isFetching} />
        ) : (
          <>
            <p className="teaching-checkin__instruction">{t('checkIn.scan')}</p>
            <img className="teaching-checkin__qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.data.svg)}`} alt={t('checkIn.qrAlt')} />
            {code.data.opensAt && code.data.closesAt && <CheckInWindow opensAt={code.data.opensAt} closesAt={code.data.closesAt} now={now} />}
            <p className="teaching-checkin__countdown">{t('checkIn.rotates', { seconds: formatNumber(secondsLeft, locale), count: secondsLeft })}</p>
            <p className="teaching-checkin__manual">
              {t('checkIn.manual')} <span className="teaching-checkin__url">{code.data.url}</span>
            </p>
          </>
        )}
        <p className="teaching-checkin__count" role="status">
          {roster.data ? t('checkIn.count', { present: formatNumber(present, locale), total: formatNumber(total, locale), count: present }) : ''}
        </p>
        <div className="teaching-actions teaching-checkin__controls">
          {projector ? (
            <Button variant="secondary" onPress={exit}>
              {t('checkIn.exitProjector')}
            </Button>
          ) : (
            <Button onPress={enter}>{t('checkIn.projector')}</Button>
          )}
        </div>
      </div>
      {!projector && (
        <p className="teaching-actions">
          <Link href={sessionHref(lessonId, courseId)}>{t('checkIn.toRoster')}</Link>
          {session?.type === 'onsite_session' && <Link href={sessionHref(lessonId, courseId, 'walk-in')}>{t('sessions.walkIn')}</Link>}
        </p>
      )}
    </PageShell>
  );
}

/** The check-in window, and a warning when scans are refused now (before it opens, after it closes). */
function CheckInWindow({ opensAt, closesAt, now }: { opensAt: string; closesAt: string; now: number }) {
  const { t, i18n } = useTeachingTranslation();
  const locale = currentLocale(i18n);
  const opens = Date.parse(opensAt);
  const closes = Date.parse(closesAt);
  if (now < opens) {
    return <p className="teaching-checkin__notice">{t('checkIn.notYet', { date: formatDate(opensAt, locale), time: formatTime(opensAt, locale) })}</p>;
  }
  if (now > closes) return <p className="teaching-checkin__notice">{t('checkIn.closed')}</p>;
  return <p className="teaching-muted">{t('checkIn.window', { from: formatTime(opensAt, locale), to: formatTime(closesAt, locale) })}</p>;
}
