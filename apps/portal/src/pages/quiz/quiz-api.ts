import type { ApiClient, Schemas } from '@baanrian/api-client';
import type { LearnerQuestionView, QuestionResponse } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the learner quiz screens make, over the app's generated API client (its middleware
 * sends the access token, refreshing once on a 401, and Accept-Language).
 *
 * Every operation is in the generated client (libs/api-client): paths, parameters, bodies and the
 * DTOs below are its types (notes/quiz-contract.md, "Q2 attempts"). Only the questions and the
 * responses are narrowed to the contract's unions (LearnerQuestionView, QuestionResponse): the
 * OpenAPI document can only describe them as open objects. Problems become ApiError, no response
 * NetworkError.
 */

// ---- DTOs: the generated ones (quiz contract, Q2 attempts) -------------------------------------

/** Only when the results policy allows. */
export type AttemptResultSummaryDto = Schemas['AttemptScoreDto'];
export type LearnerAttemptSummaryDto = Schemas['LearnerAttemptSummaryDto'];
export type LearnerQuizDto = Schemas['LearnerQuizDto'];

export type ResponsesById = Record<string, QuestionResponse>;

export type AttemptDto = Omit<Schemas['AttemptDto'], 'questions' | 'responses'> & {
  questions: LearnerQuestionView[];
  responses: ResponsesById;
};

export type SaveResponsesBody = Omit<Schemas['SaveResponsesDto'], 'responses'> & { responses: ResponsesById };
export type SaveResponsesResultDto = Schemas['SavedResponsesDto'];
export type SubmitResultDto = Schemas['SubmittedAttemptDto'];

/** One question of the review (only when the results policy allows). */
export type ReviewQuestionDto = Omit<Schemas['AttemptReviewItemDto'], 'question' | 'response'> & {
  question: LearnerQuestionView;
  response: QuestionResponse | null;
};

export type AttemptResultDto = Omit<Schemas['AttemptResultDto'], 'review'> & { review?: ReviewQuestionDto[] };

// ---- Error codes the screens act on -----------------------------------------------------------

export const ATTEMPT_ERRORS = {
  limitReached: 'ATTEMPT_LIMIT_REACHED',
  notEnrolled: 'ATTEMPT_NOT_ENROLLED',
  responseInvalid: 'ATTEMPT_RESPONSE_INVALID',
  timeOver: 'ATTEMPT_TIME_OVER',
  alreadySubmitted: 'ATTEMPT_ALREADY_SUBMITTED',
} as const;

export const problemCode = (error: unknown): string | null => (error instanceof ApiError ? (error.problem?.code ?? null) : null);

/** The attempt is closed: saving or submitting again cannot help; show the result instead. */
export const isAttemptClosed = (error: unknown) => {
  const code = problemCode(error);
  return code === ATTEMPT_ERRORS.timeOver || code === ATTEMPT_ERRORS.alreadySubmitted;
};

// ---- The client -------------------------------------------------------------------------------

/** Waits for a call, turning "no response" into NetworkError and an error status into ApiError. */
async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  const { data, error, response } = result;
  if (!response.ok) throw ApiError.from(response, error);
  return data as T;
}

export function createQuizApi(client: ApiClient) {
  const quiz = (quizId: string) => ({ params: { path: { quizId } } });
  const attempt = (attemptId: string) => ({ params: { path: { attemptId } } });
  return {
    quiz: (quizId: string, signal?: AbortSignal) => unwrap<LearnerQuizDto>(client.GET('/api/v1/learning/quizzes/{quizId}', { ...quiz(quizId), signal })),
    /** Starts an attempt, or returns the open one (200). */
    start: (quizId: string) => unwrap<AttemptDto>(client.POST('/api/v1/learning/quizzes/{quizId}/attempts', quiz(quizId))),
    attempt: (attemptId: string, signal?: AbortSignal) => unwrap<AttemptDto>(client.GET('/api/v1/learning/attempts/{attemptId}', { ...attempt(attemptId), signal })),
    saveResponses: (attemptId: string, body: SaveResponsesBody) =>
      unwrap<SaveResponsesResultDto>(client.PATCH('/api/v1/learning/attempts/{attemptId}/responses', { ...attempt(attemptId), body })),
    /** The same key on every retry: the server answers a repeated submit with the same 202. */
    submit: (attemptId: string, idempotencyKey: string, responses?: ResponsesById) =>
      unwrap<SubmitResultDto>(
        client.POST('/api/v1/learning/attempts/{attemptId}/submit', {
          ...attempt(attemptId),
          headers: { 'Idempotency-Key': idempotencyKey },
          body: responses && Object.keys(responses).length > 0 ? { responses } : {},
        }),
      ),
    result: (attemptId: string, signal?: AbortSignal) =>
      unwrap<AttemptResultDto>(client.GET('/api/v1/learning/attempts/{attemptId}/result', { ...attempt(attemptId), signal })),
  };
}

export type QuizApi = ReturnType<typeof createQuizApi>;

/** An uploaded file; images can be asked for resized (`w`), which saves data on a phone. */
export const mediaUrl = (mediaId: string, width?: number) =>
  `/api/v1/media/${encodeURIComponent(mediaId)}${width ? `?w=${width}` : ''}`;
