import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { QuestionResponse } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { ApiError } from '../../api/errors';
import { formatNumber } from '../../i18n/format';
import { navigate } from '../../routing/location';
import { Button, Dialog, EmptyState, ErrorState, Link, LoadingState } from '../../ui';
import { forgetAttempt, submitKey } from './attempt-storage';
import { AttemptAutosave, type AutosaveState } from './autosave';
import { isAttemptClosed } from './quiz-api';
import { loadedAttempt, quizHref, quizKeys, resultHref, useLocale, useQuizApi, type LoadedAttempt } from './quiz-common';
import { useQuizTranslation } from './quiz-i18n';
import { QuizTimer } from './quiz-timer';
import { isAnswered, QuestionView } from './question-view';

/** `/learning/quizzes/{quizId}/attempts/{attemptId}`: taking the attempt, one question per screen. */
export function AttemptScreen({ quizId, attemptId }: { quizId: string; attemptId: string }) {
  const { t } = useQuizTranslation();
  const api = useQuizApi();
  const attempt = useQuery({
    queryKey: quizKeys.attempt(attemptId),
    queryFn: async ({ signal }) => loadedAttempt(await api.attempt(attemptId, signal)),
    // The attempt is fixed at start; what changes (responses) lives in the autosave from here on.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const closed = attempt.data && attempt.data.attempt.status !== 'in_progress';
  useEffect(() => {
    if (closed) navigate(resultHref(quizId, attemptId), { replace: true });
  }, [closed, quizId, attemptId]);

  if (attempt.isPending || closed) return <LoadingState label={t('attempt.loading')} placeholders={3} />;
  if (attempt.isError) {
    const missing = attempt.error instanceof ApiError && (attempt.error.status === 404 || attempt.error.status === 403);
    return (
      <div className="page quiz-page">
        <h1>{t('attempt.loadFailedTitle')}</h1>
        {missing ? (
          <EmptyState title={t('attempt.notFound')} action={<Link href={quizHref(quizId)}>{t('result.backToQuiz')}</Link>} />
        ) : (
          <ErrorState title={t('attempt.loadFailed')} error={attempt.error} retrying={attempt.isFetching} onRetry={() => void attempt.refetch()} />
        )}
      </div>
    );
  }
  return <Attempt key={attemptId} quizId={quizId} loaded={attempt.data} />;
}

/** One autosave per attempt view; created in an effect so a strict-mode remount gets a fresh one. */
function useAutosave(loaded: LoadedAttempt): AttemptAutosave | null {
  const api = useQuizApi();
  const [autosave, setAutosave] = useState<AttemptAutosave | null>(null);
  useEffect(() => {
    const created = new AttemptAutosave(api, loaded.attempt);
    setAutosave(created);
    return () => created.dispose();
  }, [api, loaded.attempt]);
  return autosave;
}

const idle: AutosaveState = { responses: {}, status: 'saved', closed: false };
const noSubscribe = () => () => undefined;

function Attempt({ quizId, loaded }: { quizId: string; loaded: LoadedAttempt }) {
  const { t } = useQuizTranslation();
  const locale = useLocale();
  const api = useQuizApi();
  const queryClient = useQueryClient();
  const { attempt, offsetMs } = loaded;
  const autosave = useAutosave(loaded);
  const state = useSyncExternalStore(autosave?.subscribe ?? noSubscribe, autosave?.getState ?? (() => idle));
  const responses = autosave ? state.responses : { ...attempt.responses };
  // The title (from the overview's cache, or fetched after a reload); the attempt works without it.
  const quizTitle = useQuery({ queryKey: quizKeys.quiz(quizId), queryFn: ({ signal }) => api.quiz(quizId, signal), retry: false }).data?.title;
  const title = quizTitle || t('attempt.title', { number: attempt.number });
  useDocumentTitle(title);

  const [index, setIndex] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [timeUp, setTimeUp] = useState(false);
  const questionRef = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  const questions = attempt.questions;
  const question = questions[index];
  const answeredCount = questions.filter((q) => isAnswered(responses[q.id])).length;

  // After moving to another question, focus lands on it (its heading is read first).
  useEffect(() => {
    if (moved.current) questionRef.current?.focus();
  }, [index]);
  const go = (next: number) => {
    moved.current = true;
    setIndex(Math.max(0, Math.min(questions.length - 1, next)));
  };

  const finish = useCallback(() => {
    forgetAttempt(attempt.id);
    void queryClient.invalidateQueries({ queryKey: quizKeys.quiz(quizId) });
    queryClient.removeQueries({ queryKey: quizKeys.attempt(attempt.id) });
    navigate(resultHref(quizId, attempt.id), { replace: true });
  }, [attempt.id, queryClient, quizId]);

  const submit = useCallback(async () => {
    if (!autosave || submitting) return;
    setSubmitting(true);
    setSubmitError(null);
    // Whatever is unsent goes with the submit as its last save; the key makes a retry the same submit.
    await autosave.flush();
    try {
      await api.submit(attempt.id, submitKey(attempt.id), autosave.pending());
      autosave.dispose();
      finish();
    } catch (error) {
      if (isAttemptClosed(error)) {
        autosave.dispose();
        finish();
        return;
      }
      setSubmitError(error);
      setSubmitting(false);
    }
  }, [api, attempt.id, autosave, finish, submitting]);

  // The server closed the attempt while saving (time over): its result is next.
  useEffect(() => {
    if (state.closed) finish();
  }, [state.closed, finish]);

  const onExpire = useCallback(() => {
    setTimeUp(true);
    setConfirming(false);
  }, []);
  // Time is up: submit by itself, once the autosave exists (on a reload after the deadline the
  // timer's first tick comes before it).
  const autoSubmitted = useRef(false);
  useEffect(() => {
    if (!timeUp || !autosave || autoSubmitted.current) return;
    autoSubmitted.current = true;
    void submit();
  }, [timeUp, autosave, submit]);

  const setResponse = (response: QuestionResponse) => autosave?.setResponse(question.id, response);

  return (
    <div className="page quiz-page quiz-attempt">
      <header className="quiz-bar">
        <h1 className="quiz-bar__title">{title}</h1>
        <div className="quiz-bar__status">
          {attempt.deadlineAt && <QuizTimer deadlineAt={attempt.deadlineAt} offsetMs={offsetMs} onExpire={onExpire} />}
          <SaveIndicator status={autosave ? state.status : 'saved'} />
        </div>
      </header>

      {timeUp && (
        <p role="alert" className="quiz-notice">
          {t('timer.expired')}
        </p>
      )}

      <div ref={questionRef} tabIndex={-1} className="quiz-question-wrap">
        {question ? (
          <QuestionView key={question.id} question={question} response={responses[question.id]} onChange={setResponse} number={index + 1} total={questions.length} />
        ) : (
          <EmptyState title={t('attempt.noQuestions')} />
        )}
      </div>

      <div className="quiz-pager">
        <Button variant="secondary" isDisabled={index === 0} onPress={() => go(index - 1)}>
          <span aria-hidden="true">← </span>
          {t('attempt.previous')}
        </Button>
        {index < questions.length - 1 ? (
          <Button onPress={() => go(index + 1)}>
            {t('attempt.next')}
            <span aria-hidden="true"> →</span>
          </Button>
        ) : (
          <Button onPress={() => setConfirming(true)} isPending={submitting}>
            {t('attempt.finish')}
          </Button>
        )}
      </div>

      <nav aria-label={t('attempt.navigator')} className="quiz-navigator">
        <p className="quiz-navigator__summary">
          {t('attempt.answeredCount', { answered: formatNumber(answeredCount, locale), total: formatNumber(questions.length, locale) })}
        </p>
        <ol className="quiz-navigator__list">
          {questions.map((q, i) => {
            const answered = isAnswered(responses[q.id]);
            return (
              <li key={q.id}>
                <button
                  type="button"
                  className={`quiz-nav-item${answered ? ' quiz-nav-item--answered' : ''}`}
                  aria-current={i === index ? 'step' : undefined}
                  aria-label={t(answered ? 'attempt.navAnswered' : 'attempt.navUnanswered', { number: i + 1 })}
                  onClick={() => go(i)}
                >
                  <span aria-hidden="true">{formatNumber(i + 1, locale)}</span>
                  <span aria-hidden="true" className="quiz-nav-item__mark">
                    {answered ? '✓' : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
        <Button variant="secondary" onPress={() => setConfirming(true)} isPending={submitting}>
          {t('attempt.finish')}
        </Button>
      </nav>

      {submitError !== null && (
        <div className="quiz-submit-error">
          <ErrorState title={t('attempt.submitFailed')} error={submitError} retrying={submitting} onRetry={() => void submit()} />
          <p className="quiz-hint">{t('attempt.keptOnDevice')}</p>
        </div>
      )}

      <Dialog
        title={t('attempt.confirmTitle')}
        isOpen={confirming}
        onOpenChange={setConfirming}
        actions={(close) => (
          <Button
            onPress={() => {
              close();
              void submit();
            }}
          >
            {t('attempt.submit')}
          </Button>
        )}
      >
        <p>
          {answeredCount < questions.length
            ? t('attempt.confirmUnanswered', { count: questions.length - answeredCount })
            : t('attempt.confirmAllAnswered')}
        </p>
        <p>{t('attempt.confirmFinal')}</p>
      </Dialog>
    </div>
  );
}

/** "Saved" / "Saving…" / "Not saved yet — will retry", politely announced; not colour alone. */
export function SaveIndicator({ status }: { status: AutosaveState['status'] }) {
  const { t } = useQuizTranslation();
  return (
    <p role="status" aria-live="polite" className={`quiz-save quiz-save--${status}`}>
      <span aria-hidden="true" className="quiz-save__icon">
        {status === 'saved' ? '✓' : status === 'saving' ? '…' : '!'}
      </span>
      {t(`save.${status}`)}
    </p>
  );
}
