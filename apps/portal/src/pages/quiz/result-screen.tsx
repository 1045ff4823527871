import { useQuery } from '@tanstack/react-query';
import type { QuestionResponse } from '@baanrian/contracts';
import { useDocumentTitle } from '../../app/use-document-title';
import { formatDate, formatNumber } from '../../i18n/format';
import { Card, ErrorState, Link, LoadingState } from '../../ui';
import type { AttemptResultDto, ReviewQuestionDto } from './quiz-api';
import { quizHref, quizKeys, useLocale, useQuizApi } from './quiz-common';
import { useQuizTranslation } from './quiz-i18n';
import { PassBadge } from './quiz-overview';
import { QuestionMediaView, RichTextView, plainText } from './rich-text';

/** How often to ask while grading: quickly at first (the worker usually takes a second), then less. */
export const RESULT_POLL_MS = [1_000, 1_000, 2_000, 3_000, 5_000];

/**
 * `/learning/quizzes/{quizId}/attempts/{attemptId}/result`: "grading…" until the grade exists
 * (polled), then the score and, where the results policy allows, the review.
 */
export function ResultScreen({ quizId, attemptId }: { quizId: string; attemptId: string }) {
  const { t } = useQuizTranslation();
  const api = useQuizApi();
  const result = useQuery({
    queryKey: quizKeys.result(attemptId),
    queryFn: ({ signal }) => api.result(attemptId, signal),
    refetchInterval: (query) =>
      query.state.data?.status === 'graded' ? false : RESULT_POLL_MS[Math.min(query.state.dataUpdateCount, RESULT_POLL_MS.length - 1)],
  });
  useDocumentTitle(t('result.title'));

  return (
    <div className="page quiz-page">
      <h1>{t('result.title')}</h1>
      {/* One live region from the start, so "grading…" and then "graded" are both announced. */}
      <p role="status" className={result.data?.status === 'grading' ? 'quiz-grading' : 'visually-hidden'}>
        {result.data?.status === 'grading' && <span className="ui-spinner" aria-hidden="true" />}
        {result.data?.status === 'grading' ? t('result.grading') : result.data?.status === 'graded' ? t('result.gradedAnnouncement') : ''}
      </p>
      {result.isPending ? (
        <LoadingState label={t('result.loading')} />
      ) : result.isError && !result.data ? (
        <ErrorState title={t('result.loadFailed')} error={result.error} retrying={result.isFetching} onRetry={() => void result.refetch()} />
      ) : result.data.status === 'graded' ? (
        <Result result={result.data} />
      ) : null}
      <p>
        <Link href={quizHref(quizId)}>{t('result.backToQuiz')}</Link>
      </p>
    </div>
  );
}

function Result({ result }: { result: AttemptResultDto }) {
  const { t } = useQuizTranslation();
  const locale = useLocale();
  const { score, maxScore } = result;
  const points = (n: number) => formatNumber(n, locale, { maximumFractionDigits: 2 });
  return (
    <>
      <Card as="section" aria-labelledby="quiz-score" className="quiz-score">
        <h2 id="quiz-score">
          {result.released && score !== undefined ? t('result.graded') : t('result.submitted')}
        </h2>
        {result.released && score !== undefined && maxScore !== undefined ? (
          <>
            <p className="quiz-score__value">
              {t('result.score', { score: points(score), max: points(maxScore) })}
              {result.percent !== undefined && <> ({formatNumber(result.percent / 100, locale, { style: 'percent', maximumFractionDigits: 1 })})</>}
            </p>
            {result.passed !== undefined && <PassBadge passed={result.passed} />}
          </>
        ) : (
          <p>
            {result.releasedAt
              ? t('result.hiddenUntil', { date: formatDate(result.releasedAt, locale) })
              : t('result.hidden')}
          </p>
        )}
      </Card>
      {result.review && result.review.length > 0 && (
        <section aria-labelledby="quiz-review" className="quiz-review">
          <h2 id="quiz-review">{t('result.reviewHeading')}</h2>
          <ol className="quiz-review__list">
            {result.review.map((item, i) => (
              <ReviewItem key={item.question.id} item={item} number={i + 1} />
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

function ReviewItem({ item, number }: { item: ReviewQuestionDto; number: number }) {
  const { t } = useQuizTranslation();
  const locale = useLocale();
  const feedback = item.feedback ?? [];
  const verdict = item.correct === true ? 'correct' : item.correct === 'partial' ? 'partial' : 'incorrect';
  return (
    <li className="quiz-review__item">
      <h3>
        <span className="quiz-review__number">{t('result.questionNumber', { number })}</span> <RichTextView value={item.question.stem} />
      </h3>
      {item.question.media && <QuestionMediaView media={item.question.media} />}
      <p>
        <strong>{t('result.yourAnswer')}</strong> {answerText(item, t('result.noAnswer'), t('answer.true'), t('answer.false'))}
      </p>
      <p className={`quiz-verdict quiz-verdict--${verdict}`}>
          <span aria-hidden="true">{verdict === 'correct' ? '✓ ' : verdict === 'partial' ? '◐ ' : '✗ '}</span>
          {t(`result.${verdict}`)}
          {' · '}
          {t('result.points', { score: formatNumber(item.score, locale, { maximumFractionDigits: 2 }), max: formatNumber(item.maxScore, locale, { maximumFractionDigits: 2 }) })}
        </p>
      {feedback.length > 0 && (
        <div className="quiz-feedback">
          <strong>{t('result.feedback')}</strong>
          {feedback.map((text, i) => (
            <p key={i}>
              <RichTextView value={text} />
            </p>
          ))}
        </div>
      )}
    </li>
  );
}

/** The learner's answer as text, from the view's own options and items. */
export function answerText(item: ReviewQuestionDto, none: string, yes: string, no: string): string {
  const response: QuestionResponse | null = item.response;
  const q = item.question;
  if (!response) return none;
  switch (response.type) {
    case 'single_choice': {
      const option = 'options' in q ? q.options.find((o) => o.id === response.optionId) : undefined;
      return option ? plainText(option.text) : none;
    }
    case 'multiple_choice': {
      const chosen = 'options' in q ? q.options.filter((o) => response.optionIds.includes(o.id)) : [];
      return chosen.length ? chosen.map((o) => plainText(o.text)).join(', ') : none;
    }
    case 'true_false':
      return response.value === null ? none : response.value ? yes : no;
    case 'short_text':
    case 'numeric':
    case 'essay':
      return response.text.trim() || none;
    case 'ordering': {
      const items = 'items' in q ? q.items : [];
      const texts = response.itemIds.map((id) => items.find((i) => i.id === id)).filter((i) => i !== undefined);
      return texts.length ? texts.map((i) => plainText(i.text)).join(' → ') : none;
    }
    case 'matching': {
      const prompts = 'prompts' in q ? q.prompts : [];
      const pairs = prompts.filter((p) => response.matches[p.id]).map((p) => `${plainText(p.text)} — ${response.matches[p.id]}`);
      return pairs.length ? pairs.join('; ') : none;
    }
  }
}
