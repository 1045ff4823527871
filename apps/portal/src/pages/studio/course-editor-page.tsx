import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { RequireSession } from '../../auth/require-session';
import { currentLocale } from '../../i18n/i18n';
import { useSearchParam } from '../../routing/location';
import { ErrorState, Link, LoadingState, Tab, TabList, TabPanel, Tabs } from '../../ui';
import { CourseDetailsForm } from './course-details-form';
import { InstructorsPanel } from './instructors-panel';
import { OutlineEditor } from './outline-editor';
import { PublishPanel } from './publish-panel';
import { previewHref, STUDIO_ROLES, STUDIO_ROUTES, studioKeys, textIn, useStudioApi } from './studio-common';
import type { StudioCourseDto } from './studio-api';
import { useStudioTranslation } from './studio-i18n';
import './studio.css';

const TABS = ['details', 'outline', 'publish', 'instructors'] as const;
type TabId = (typeof TABS)[number];
const parseTab = (raw: string | null): TabId | null => (TABS as readonly string[]).includes(raw ?? '') ? (raw as TabId) : null;
const parseId = (raw: string | null): string | null => (raw && /^[\w-]{1,64}$/.test(raw) ? raw : null);

/** `/studio/course?id=…&tab=…`: one course's details, outline, publishing and co-instructors. */
export default function CourseEditorPage() {
  return (
    <RequireSession roles={STUDIO_ROLES}>
      <CourseEditor />
    </RequireSession>
  );
}

function CourseEditor() {
  const { t, i18n } = useStudioTranslation();
  const api = useStudioApi();
  const [id] = useSearchParam('id', parseId);
  const [tab, setTab] = useSearchParam('tab', parseTab);
  const course = useQuery({
    queryKey: studioKeys.course(id ?? ''),
    queryFn: ({ signal }) => api.course(id ?? '', signal),
    enabled: id !== null,
    staleTime: 0,
  });
  const title = course.data ? textIn(course.data.title, currentLocale(i18n), course.data.language) || t('courses.untitled') : t('editor.title');
  useDocumentTitle(title);

  if (id === null || course.isError) {
    return (
      <div className="page studio-page">
        <h1>{t('editor.title')}</h1>
        <ErrorState title={t('editor.loadFailed')} error={course.error} onRetry={id ? () => void course.refetch() : undefined} retrying={course.isFetching} />
        <p>
          <Link href={STUDIO_ROUTES.courses}>{t('editor.back')}</Link>
        </p>
      </div>
    );
  }
  if (course.isPending) return <LoadingState label={t('editor.loading')} />;

  return (
    <div className="page studio-page">
      <p className="studio-breadcrumb">
        <Link href={STUDIO_ROUTES.courses}>{t('editor.back')}</Link>
      </p>
      <h1 lang={course.data.language}>{title}</h1>
      <CourseStatusLine course={course.data} />
      <p className="studio-actions">
        <Link href={previewHref(course.data.id)}>{t('editor.preview')}</Link>
        {/* Issue 7's teaching screens (pages/teaching, their own chunk). */}
        <Link href={`/studio/learners?id=${encodeURIComponent(course.data.id)}`}>{t('editor.learners')}</Link>
        <Link href={`/studio/sessions?id=${encodeURIComponent(course.data.id)}`}>{t('editor.sessions')}</Link>
        <Link href={`/studio/quizzes?course=${encodeURIComponent(course.data.id)}`}>{t('editor.quizzes')}</Link>
      </p>
      <Tabs selectedKey={tab ?? 'details'} onSelectionChange={(key) => setTab(key === 'details' ? null : parseTab(String(key)))}>
        <TabList aria-label={t('editor.sections')}>
          {TABS.map((name) => (
            <Tab key={name} id={name}>
              {t(`editor.tab.${name}`)}
            </Tab>
          ))}
        </TabList>
        <TabPanel id="details">
          <CourseDetailsForm course={course.data} />
        </TabPanel>
        <TabPanel id="outline">
          <OutlineEditor course={course.data} />
        </TabPanel>
        <TabPanel id="publish">
          <PublishPanel course={course.data} />
        </TabPanel>
        <TabPanel id="instructors">
          <InstructorsPanel course={course.data} />
        </TabPanel>
      </Tabs>
    </div>
  );
}

export function CourseStatusLine({ course }: { course: StudioCourseDto }) {
  const { t } = useStudioTranslation();
  return (
    <p className="studio-course__meta">
      <span className={`studio-status studio-status--${course.status}`}>{t(`status.${course.status}`)}</span>
      {course.publishedVersion !== null && <span>{t('status.version', { version: course.publishedVersion })}</span>}
      {course.hasUnpublishedChanges && course.status !== 'draft' && <span className="studio-status studio-status--changes">{t('status.unpublishedChanges')}</span>}
    </p>
  );
}
