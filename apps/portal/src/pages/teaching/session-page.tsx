import { useQuery } from '@tanstack/react-query';
import { RequireSession } from '../../auth/require-session';
import { useSearchParam } from '../../routing/location';
import { EmptyState, ErrorState, Link, LoadingState, Tab, TabList, TabPanel, Tabs } from '../../ui';
import { AttendanceRoster } from './attendance-roster';
import { PageShell, TeachingHeader } from './course-context';
import { checkInHref, parseId, sessionsHref, TEACHING_ROLES, teachingKeys, useTeachingApi } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';
import { useSessionWhen } from './sessions-page';
import { WalkInForm } from './walk-in-form';
import './teaching.css';

const TABS = ['attendance', 'walk-in'] as const;
type TabId = (typeof TABS)[number];
const parseTab = (raw: string | null): TabId | null => ((TABS as readonly string[]).includes(raw ?? '') ? (raw as TabId) : null);

/** `/studio/session?id={lessonId}&course={courseId}`: one session's attendance, and walk-ins at the door. */
export default function SessionPage() {
  return (
    <RequireSession roles={TEACHING_ROLES}>
      <Session />
    </RequireSession>
  );
}

/** The roster is polled while the page is open: QR check-ins and joins appear without a reload. */
export const ROSTER_POLL_MS = 10_000;

function Session() {
  const { t } = useTeachingTranslation();
  const api = useTeachingApi();
  const [lessonId] = useSearchParam('id', parseId);
  const [courseParam] = useSearchParam('course', parseId);
  const [tab, setTab] = useSearchParam('tab', parseTab);
  const roster = useQuery({
    queryKey: teachingKeys.attendance(lessonId ?? ''),
    queryFn: ({ signal }) => api.attendance(lessonId ?? '', signal),
    enabled: lessonId !== null,
    staleTime: 0,
    refetchInterval: ROSTER_POLL_MS,
  });
  const when = useSessionWhen(roster.data?.session ?? { startsAt: null, endsAt: null });
  const courseId = courseParam ?? roster.data?.session.courseId ?? null;
  const back = courseId ? { href: sessionsHref(courseId), label: t('session.back') } : { href: '/studio', label: t('common.toStudio') };

  if (lessonId === null) {
    return (
      <PageShell>
        <TeachingHeader title={t('common.missingTitle')} back={back} />
        <EmptyState title={t('session.missing')} />
      </PageShell>
    );
  }
  if (roster.isPending) return <LoadingState label={t('session.loading')} />;
  if (roster.isError) {
    return (
      <PageShell>
        <TeachingHeader title={t('session.title')} back={back} />
        <ErrorState title={t('session.loadFailed')} error={roster.error} onRetry={() => void roster.refetch()} retrying={roster.isFetching} />
      </PageShell>
    );
  }
  const { session } = roster.data;
  // Walk-ins are added at the door of an on-site session only.
  const tabs: readonly TabId[] = session.type === 'onsite_session' ? TABS : TABS.filter((name) => name !== 'walk-in');
  const selected = tab && tabs.includes(tab) ? tab : 'attendance';
  return (
    <PageShell>
      <TeachingHeader title={session.title} context={`${t(`sessionType.${session.type}`)} · ${when}${session.venue ? ` · ${session.venue}` : ''}`} back={back} />
      <p className="teaching-actions">
        <Link variant="button-secondary" href={checkInHref(lessonId, courseId)}>
          {t('session.openCheckIn')}
        </Link>
      </p>
      <Tabs selectedKey={selected} onSelectionChange={(key) => setTab(key === 'attendance' ? null : parseTab(String(key)))}>
        <TabList aria-label={t('session.sections')}>
          {tabs.map((name) => (
            <Tab key={name} id={name}>
              {t(`session.tab.${name}`)}
            </Tab>
          ))}
        </TabList>
        <TabPanel id="attendance">
          <AttendanceRoster lessonId={lessonId} roster={roster.data} />
        </TabPanel>
        {tabs.includes('walk-in') && (
          <TabPanel id="walk-in">
            <WalkInForm lessonId={lessonId} />
          </TabPanel>
        )}
      </Tabs>
    </PageShell>
  );
}
