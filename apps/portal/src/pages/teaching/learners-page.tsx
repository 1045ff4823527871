import { RequireSession } from '../../auth/require-session';
import { useSearchParam } from '../../routing/location';
import { EmptyState, Link, Tab, TabList, TabPanel, Tabs } from '../../ui';
import { PageShell, TeachingHeader, useCourseTitle } from './course-context';
import { ImportPanel } from './import-panel';
import { ProgressPanel } from './progress-panel';
import { RosterPanel } from './roster-panel';
import { parseId, sessionsHref, studioCourseHref, TEACHING_ROLES } from './teaching-common';
import { useTeachingTranslation } from './teaching-i18n';
import './teaching.css';

const TABS = ['roster', 'progress', 'import'] as const;
type TabId = (typeof TABS)[number];
const parseTab = (raw: string | null): TabId | null => ((TABS as readonly string[]).includes(raw ?? '') ? (raw as TabId) : null);

/** `/studio/learners?id={courseId}&tab=…`: who is enrolled, how far they are, and bulk enrolment. */
export default function LearnersPage() {
  return (
    <RequireSession roles={TEACHING_ROLES}>
      <Learners />
    </RequireSession>
  );
}

function Learners() {
  const { t } = useTeachingTranslation();
  const [courseId] = useSearchParam('id', parseId);
  const [tab, setTab] = useSearchParam('tab', parseTab);
  const course = useCourseTitle(courseId);
  if (courseId === null) return <MissingCourse />;
  return (
    <PageShell wide>
      <TeachingHeader title={t('learners.title')} context={course.title} contextLang={course.lang} back={{ href: studioCourseHref(courseId), label: t('common.backToCourse') }} />
      <p>
        <Link href={sessionsHref(courseId)}>{t('learners.toSessions')}</Link>
      </p>
      <Tabs selectedKey={tab ?? 'roster'} onSelectionChange={(key) => setTab(key === 'roster' ? null : parseTab(String(key)))}>
        <TabList aria-label={t('learners.sections')}>
          {TABS.map((name) => (
            <Tab key={name} id={name}>
              {t(`learners.tab.${name}`)}
            </Tab>
          ))}
        </TabList>
        <TabPanel id="roster">
          <RosterPanel courseId={courseId} />
        </TabPanel>
        <TabPanel id="progress">
          <ProgressPanel courseId={courseId} />
        </TabPanel>
        <TabPanel id="import">
          <ImportPanel courseId={courseId} onDone={() => setTab(null)} />
        </TabPanel>
      </Tabs>
    </PageShell>
  );
}

export function MissingCourse() {
  const { t } = useTeachingTranslation();
  return (
    <PageShell>
      <TeachingHeader title={t('common.missingTitle')} />
      <EmptyState title={t('common.missing')} action={<Link href="/studio">{t('common.toStudio')}</Link>} />
    </PageShell>
  );
}
