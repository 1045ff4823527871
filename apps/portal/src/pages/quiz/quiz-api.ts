import type { ApiClient } from '@baanrian/api-client';
import type { AttemptCloseReason, AttemptStatus, Correctness, LearnerQuestionView, QuestionResponse, ResultsPolicy, RichText } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the learner quiz screens make, over the app's generated API client (its middleware
 * sends the access token, refreshing once on a 401, and Accept-Language).
 *
 * The attempts API (notes/quiz-contract.md, "Q2 attempts") is being built in parallel: until its
 * operations are in libs/api-client these DTOs are typed from the contract (field for field as in the
 * quiz-attempts branch's OpenAPI document) and the calls go through
 * the same client untyped (`raw`). When `npm run api-client:generate` has them, replace `raw.X` with
 * `client.X` and the interfaces below with `Schemas[...]`.
 */

// ---- DTOs (quiz contract, Q2 attempts) ---------------------------------------------------------

/** Only when the results policy allows. */
export interface AttemptResultSummaryDto {
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
}

export interface LearnerAttemptSummaryDto {
  id: string;
  number: number;
  status: AttemptStatus;
  submittedAt: string | null;
  result: AttemptResultSummaryDto | null;
}

export interface LearnerQuizDto {
  id: string;
  title: string;
  /** null: unlimited. */
  attemptsAllowed: number | null;
  attemptsUsed: number;
  /** null: untimed. */
  timeLimitSeconds: number | null;
  /** An instructor's extension for this learner (accessibility); 0 when none. */
  extraSeconds: number;
  passingPercent: number;
  resultsPolicy: ResultsPolicy;
  dueAt: string | null;
  questionCount: number;
  openAttemptId: string | null;
  attempts: LearnerAttemptSummaryDto[];
  /** Per the grading method, only when the policy allows. */
  resultPercent: number | null;
  passed: boolean | null;
}

export type ResponsesById = Record<string, QuestionResponse>;

export interface AttemptDto {
  id: string;
  quizId: string;
  number: number;
  status: AttemptStatus;
  closeReason: AttemptCloseReason | null;
  startedAt: string;
  submittedAt: string | null;
  /** null: untimed. */
  deadlineAt: string | null;
  graceSeconds: number;
  /** The server's clock when it answered: corrects the learner's clock for the timer. */
  serverNow: string;
  questions: LearnerQuestionView[];
  responses: ResponsesById;
  /** The highest save sequence number applied; the next save sends a higher one. */
  responsesRevision: number;
}

export interface SaveResponsesBody {
  responses: ResponsesById;
  /** This save's sequence number: one not above the stored revision arrived late and is ignored. */
  revision: number;
}

export interface SaveResponsesResultDto {
  responsesRevision: number;
  savedAt: string;
  /** false: a later save was already stored, this one changed nothing. */
  applied: boolean;
}

export interface SubmitResultDto {
  status: 'submitted';
  submittedAt: string;
}

/** One question of the review (only when the results policy allows). */
export interface ReviewQuestionDto {
  question: LearnerQuestionView;
  response: QuestionResponse | null;
  correct: Correctness;
  score: number;
  maxScore: number;
  /** Ids of the options/answers that decided the score. */
  matchedIds: string[];
  /** Feedback of the matched answers, then the general feedback. */
  feedback: RichText[];
}

export interface AttemptResultDto {
  status: 'grading' | 'graded';
  /** false: graded, but the results policy does not show it (yet). */
  released: boolean;
  /** When it will be shown (after the due date). */
  releasedAt?: string | null;
  score?: number;
  maxScore?: number;
  percent?: number;
  passed?: boolean;
  review?: ReviewQuestionDto[];
}

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

interface RawInit {
  params?: { path?: Record<string, string>; query?: Record<string, string> };
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}
type RawResult = Promise<{ data?: unknown; error?: unknown; response: Response }>;
/** The generated client without its path types, for operations the OpenAPI document lacks so far. */
interface RawClient {
  GET(path: string, init?: RawInit): RawResult;
  POST(path: string, init?: RawInit): RawResult;
  PATCH(path: string, init?: RawInit): RawResult;
}

/** Waits for a call, turning "no response" into NetworkError and an error status into ApiError. */
async function unwrap<T>(call: RawResult): Promise<T> {
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
  const raw = client as unknown as RawClient;
  const quiz = (quizId: string) => ({ params: { path: { quizId } } });
  const attempt = (attemptId: string) => ({ params: { path: { attemptId } } });
  return {
    quiz: (quizId: string, signal?: AbortSignal) => unwrap<LearnerQuizDto>(raw.GET('/api/v1/learning/quizzes/{quizId}', { ...quiz(quizId), signal })),
    /** Starts an attempt, or returns the open one (200). */
    start: (quizId: string) => unwrap<AttemptDto>(raw.POST('/api/v1/learning/quizzes/{quizId}/attempts', quiz(quizId))),
    attempt: (attemptId: string, signal?: AbortSignal) => unwrap<AttemptDto>(raw.GET('/api/v1/learning/attempts/{attemptId}', { ...attempt(attemptId), signal })),
    saveResponses: (attemptId: string, body: SaveResponsesBody) =>
      unwrap<SaveResponsesResultDto>(raw.PATCH('/api/v1/learning/attempts/{attemptId}/responses', { ...attempt(attemptId), body })),
    /** The same key on every retry: the server answers a repeated submit with the same 202. */
    submit: (attemptId: string, idempotencyKey: string, responses?: ResponsesById) =>
      unwrap<SubmitResultDto>(
        raw.POST('/api/v1/learning/attempts/{attemptId}/submit', {
          ...attempt(attemptId),
          headers: { 'Idempotency-Key': idempotencyKey },
          body: responses && Object.keys(responses).length > 0 ? { responses } : {},
        }),
      ),
    result: (attemptId: string, signal?: AbortSignal) =>
      unwrap<AttemptResultDto>(raw.GET('/api/v1/learning/attempts/{attemptId}/result', { ...attempt(attemptId), signal })),
  };
}

export type QuizApi = ReturnType<typeof createQuizApi>;

/** An uploaded file; images can be asked for resized (`w`), which saves data on a phone. */
export const mediaUrl = (mediaId: string, width?: number) =>
  `/api/v1/media/${encodeURIComponent(mediaId)}${width ? `?w=${width}` : ''}`;
