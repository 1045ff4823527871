import { RequireSession } from '../../auth/require-session';
import { useLocation } from '../../routing/location';
import { AttemptScreen } from './attempt-screen';
import { parseQuizPath } from './quiz-common';
import { useQuizTranslation } from './quiz-i18n';
import { QuizOverview } from './quiz-overview';
import { ResultScreen } from './result-screen';
import './quiz.css';

/**
 * The learner quiz screens' one entry in the route table (routing/routes.tsx), one lazy chunk with
 * their strings: `/learning/quizzes/{quizId}` (overview), `…/attempts/{attemptId}` (taking it) and
 * `…/attempts/{attemptId}/result`.
 */
export default function QuizPage() {
  useQuizTranslation(); // the strings are in place before any screen renders
  const { pathname } = useLocation();
  const route = parseQuizPath(pathname);
  return (
    <RequireSession>
      {route.screen === 'overview' ? (
        <QuizOverview key={route.quizId} quizId={route.quizId} />
      ) : route.screen === 'attempt' ? (
        <AttemptScreen key={route.attemptId} quizId={route.quizId} attemptId={route.attemptId} />
      ) : (
        <ResultScreen key={route.attemptId} quizId={route.quizId} attemptId={route.attemptId} />
      )}
    </RequireSession>
  );
}
