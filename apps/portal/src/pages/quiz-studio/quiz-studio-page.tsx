import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { RequireSession } from '../../auth/require-session';
import { currentLocale } from '../../i18n/i18n';
import { useSearchParam } from '../../routing/location';
import { ErrorState, Link, LoadingState, Tab, TabList, TabPanel, Tabs } from '../../ui';
import { courseHref, STUDIO_ROLES, STUDIO_ROUTES, studioKeys, textIn, useStudioApi } from '../studio/studio-common';
import { Gradebook } from './gradebook';
import { QuestionBank } from './question-bank';
import { QuestionImport } from './question-import';
import { QuizList } from './quiz-settings';
import { parseRouteId, QUIZ_STUDIO_TABS, type QuizStudioTab } from './quiz-studio-common';
import { useQuizStudioTranslation } from './quiz-studio-i18n';
import '../studio/studio.css';
import './quiz-studio.css';

const parseTab = (raw: string | null): QuizStudioTab | null => ((QUIZ_STUDIO_TABS as readonly string[]).includes(raw ?? '') ? (raw as QuizStudioTab) : null);

/**
 * `/studio/quizzes?course=…&tab=bank|quizzes|import|gradebook`: the quiz side of a course in the
 * studio (issue 8). `question=` / `quiz=` (an id or `new`) open the editor for one.
 */
export default function QuizStudioPage() {
  return (
    <RequireSession roles={STUDIO_ROLES}>
      <QuizStudio />
    </RequireSession>
  );
}

function QuizStudio() {
  const { t, i18n } = useQuizStudioTranslation();
  const studioApi = useStudioApi();
  const [courseId] = useSearchParam('course', parseRouteId);
  const [tab, setTab] = useSearchParam('tab', parseTab);
  const [question, setQuestion] = useSearchParam('question', parseRouteId);
  const [quiz, setQuiz] = useSearchParam('quiz', parseRouteId);
  const course = useQuery({
    queryKey: studioKeys.course(courseId ?? ''),
    queryFn: ({ signal }) => studioApi.course(courseId ?? '', signal),
    enabled: courseId !== null,
  });
  const courseTitle = course.data ? textIn(course.data.title, currentLocale(i18n), course.data.language) : '';
  useDocumentTitle(courseTitle ? t('page.titleFor', { course: courseTitle }) : t('page.title'));

  if (courseId === null || course.isError) {
    return (
      <div className="page studio-page">
        <h1>{t('page.title')}</h1>
        <ErrorState title={t('page.loadFailed')} error={course.error} onRetry={courseId ? () => void course.refetch() : undefined} retrying={course.isFetching} />
        <p>
          <Link href={STUDIO_ROUTES.courses}>{t('page.back')}</Link>
        </p>
      </div>
    );
  }
  if (course.isPending) return <LoadingState label={t('page.loading')} />;

  return (
    <div className="page studio-page quiz-studio">
      <p className="studio-breadcrumb">
        <Link href={courseHref(courseId)}>{t('page.backToCourse')}</Link>
      </p>
      <h1>
        {t('page.title')}
        <span className="quiz-studio__course" lang={course.data.language}>
          {courseTitle}
        </span>
      </h1>
      <Tabs
        selectedKey={tab ?? 'bank'}
        onSelectionChange={(key) => {
          setQuestion(null);
          setQuiz(null);
          setTab(key === 'bank' ? null : parseTab(String(key)));
        }}
      >
        <TabList aria-label={t('page.sections')}>
          {QUIZ_STUDIO_TABS.map((name) => (
            <Tab key={name} id={name}>
              {t(`page.tab.${name}`)}
            </Tab>
          ))}
        </TabList>
        <TabPanel id="bank">
          <QuestionBank courseId={courseId} editing={question} onEdit={setQuestion} />
        </TabPanel>
        <TabPanel id="quizzes">
          <QuizList courseId={courseId} editing={quiz} onEdit={setQuiz} />
        </TabPanel>
        <TabPanel id="import">
          <QuestionImport courseId={courseId} />
        </TabPanel>
        <TabPanel id="gradebook">
          <Gradebook courseId={courseId} />
        </TabPanel>
      </Tabs>
    </div>
  );
}
