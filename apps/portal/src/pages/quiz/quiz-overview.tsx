import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDocumentTitle } from '../../app/use-document-title';
import { ApiError } from '../../api/errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { navigate } from '../../routing/location';
import { Button, Card, EmptyState, ErrorState, Link, LoadingState } from '../../ui';
import { ATTEMPT_ERRORS, problemCode, type LearnerAttemptSummaryDto, type LearnerQuizDto } from './quiz-api';
import { attemptHref, loadedAttempt, quizKeys, resultHref, useLocale, useQuizApi } from './quiz-common';
import { useQuizTranslation } from './quiz-i18n';

/** `/learning/quizzes/{quizId}`: what the quiz asks of the learner, their attempts so far, start or resume. */
export function QuizOverview({ quizId }: { quizId: string }) {
  const { t } = useQuizTranslation();
  const api = useQuizApi();
  const quiz = useQuery({ queryKey: quizKeys.quiz(quizId), queryFn: ({ signal }) => api.quiz(quizId, signal) });
  useDocumentTitle(quiz.data?.title || t('overview.loading'));

  if (quiz.isPending) return <LoadingState label={t('overview.loading')} placeholders={3} />;
  if (quiz.isError) {
    const noAccess = quiz.error instanceof ApiError && (quiz.error.status === 403 || quiz.error.status === 404);
    return (
      <div className="page quiz-page">
        <h1>{noAccess ? t('overview.noAccessTitle') : t('overview.loadFailedTitle')}</h1>
        {noAccess ? (
          <EmptyState title={t('overview.noAccess')} action={<Link href="/learning">{t('overview.backToMyLearning')}</Link>} />
        ) : (
          <ErrorState title={t('overview.loadFailed')} error={quiz.error} retrying={quiz.isFetching} onRetry={() => void quiz.refetch()} />
        )}
      </div>
    );
  }
  return <Overview quiz={quiz.data} />;
}

/** "45 minutes", "1 hour 30 minutes": the limit in the learner's words. */
function useDuration() {
  const { t } = useQuizTranslation();
  return (seconds: number) => {
    const minutes = Math.ceil(seconds / 60);
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('duration.minutes', { count: minutes });
    return rest === 0 ? t('duration.hours', { count: hours }) : `${t('duration.hours', { count: hours })} ${t('duration.minutes', { count: rest })}`;
  };
}

function Overview({ quiz }: { quiz: LearnerQuizDto }) {
  const { t } = useQuizTranslation();
  const locale = useLocale();
  const api = useQuizApi();
  const queryClient = useQueryClient();
  const duration = useDuration();
  const start = useMutation({
    mutationFn: () => api.start(quiz.id),
    onSuccess: (attempt) => {
      queryClient.setQueryData(quizKeys.attempt(attempt.id), loadedAttempt(attempt));
      void queryClient.invalidateQueries({ queryKey: quizKeys.quiz(quiz.id) });
      navigate(attemptHref(quiz.id, attempt.id));
    },
  });

  const left = quiz.attemptsAllowed === null ? null : Math.max(0, quiz.attemptsAllowed - quiz.attemptsUsed);
  const canStart = quiz.openAttemptId !== null || left === null || left > 0;
  const percent = (value: number) => formatNumber(value / 100, locale, { style: 'percent', maximumFractionDigits: 1 });
  const limitReached = problemCode(start.error) === ATTEMPT_ERRORS.limitReached;

  return (
    <div className="page quiz-page">
      <h1 className="quiz-title">{quiz.title}</h1>
      <Card as="section" aria-labelledby="quiz-facts" className="quiz-facts">
        <h2 id="quiz-facts" className="visually-hidden">
          {t('overview.factsHeading')}
        </h2>
        <dl className="quiz-facts__list">
          <div>
            <dt>{t('overview.questions')}</dt>
            <dd>{formatNumber(quiz.questionCount, locale)}</dd>
          </div>
          <div>
            <dt>{t('overview.timeLimit')}</dt>
            <dd>
              {quiz.timeLimitSeconds === null
                ? t('overview.untimed')
                : quiz.extraSeconds > 0
                  ? t('overview.timeWithExtension', { total: duration(quiz.timeLimitSeconds + quiz.extraSeconds), extra: duration(quiz.extraSeconds) })
                  : duration(quiz.timeLimitSeconds)}
            </dd>
          </div>
          <div>
            <dt>{t('overview.attempts')}</dt>
            <dd>
              {quiz.attemptsAllowed === null
                ? t('overview.attemptsUnlimited', { used: quiz.attemptsUsed })
                : t('overview.attemptsUsed', { used: quiz.attemptsUsed, allowed: quiz.attemptsAllowed })}
            </dd>
          </div>
          <div>
            <dt>{t('overview.passing')}</dt>
            <dd>{percent(quiz.passingPercent)}</dd>
          </div>
          {quiz.dueAt && (
            <div>
              <dt>{t('overview.due')}</dt>
              <dd>
                <time dateTime={quiz.dueAt}>{formatDate(quiz.dueAt, locale)}</time>
              </dd>
            </div>
          )}
        </dl>
        <p className="quiz-hint">{t(`overview.policy.${quiz.resultsPolicy}`)}</p>
        {quiz.resultPercent !== null && (
          <p className="quiz-overall">
            {t('overview.yourResult', { percent: percent(quiz.resultPercent) })}{' '}
            {quiz.passed !== null && <PassBadge passed={quiz.passed} />}
          </p>
        )}
      </Card>

      <div className="quiz-actions">
        {canStart && !limitReached ? (
          <>
            {quiz.timeLimitSeconds !== null && quiz.openAttemptId === null && <p className="quiz-hint">{t('overview.timerStartsNow')}</p>}
            <Button onPress={() => start.mutate()} isPending={start.isPending}>
              {quiz.openAttemptId ? t('overview.resume') : quiz.attemptsUsed > 0 ? t('overview.startAgain') : t('overview.start')}
            </Button>
          </>
        ) : (
          <p className="quiz-notice">{t('overview.limitReached')}</p>
        )}
        {start.isError && !limitReached && <ErrorState title={t('overview.startFailed')} error={start.error} headingLevel={3} />}
      </div>

      {quiz.attempts.length > 0 && (
        <section aria-labelledby="quiz-attempts" className="quiz-attempts">
          <h2 id="quiz-attempts">{t('overview.attemptsHeading')}</h2>
          <ol className="quiz-attempt-list">
            {quiz.attempts.map((attempt) => (
              <AttemptRow key={attempt.id} quizId={quiz.id} attempt={attempt} percent={percent} />
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

export function PassBadge({ passed }: { passed: boolean }) {
  const { t } = useQuizTranslation();
  return (
    <span className={passed ? 'quiz-badge quiz-badge--passed' : 'quiz-badge quiz-badge--failed'}>
      <span aria-hidden="true">{passed ? '✓ ' : '✗ '}</span>
      {passed ? t('result.passed') : t('result.notPassed')}
    </span>
  );
}

function AttemptRow({ quizId, attempt, percent }: { quizId: string; attempt: LearnerAttemptSummaryDto; percent: (n: number) => string }) {
  const { t } = useQuizTranslation();
  const locale = useLocale();
  return (
    <li className="quiz-attempt-row">
      <span className="quiz-attempt-row__name">{t('overview.attemptNumber', { number: attempt.number })}</span>
      {attempt.submittedAt && (
        <time dateTime={attempt.submittedAt} className="quiz-attempt-row__date">
          {formatDate(attempt.submittedAt, locale)}
        </time>
      )}
      <span className="quiz-attempt-row__state">
        {attempt.status === 'in_progress' ? (
          t('overview.inProgress')
        ) : attempt.result ? (
          <>
            {percent(attempt.result.percent)} <PassBadge passed={attempt.result.passed} />
          </>
        ) : attempt.status === 'submitted' ? (
          t('overview.grading')
        ) : (
          t('overview.resultHidden')
        )}
      </span>
      {attempt.status !== 'in_progress' && (
        <Link href={resultHref(quizId, attempt.id)}>
          {/* The visible words first, then which attempt (axe: the name must contain the visible text). */}
          {t('overview.viewResult')}{' '}
          <span className="visually-hidden">{t('overview.attemptNumber', { number: attempt.number })}</span>
        </Link>
      )}
    </li>
  );
}
