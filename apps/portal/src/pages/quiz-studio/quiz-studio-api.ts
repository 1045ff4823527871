import type { ApiClient } from '@baanrian/api-client';
import type { GradingMethod, Question, QuestionType, QuizDraw, RegradeStatus, ResultsPolicy } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the quiz screens of the studio make (issue 8, "Q1 authoring" in the quiz contract).
 * The authoring API is built in parallel (branch quiz-api): until its operations are in the
 * generated client, the DTOs below are typed from the contract and the calls go through the
 * generated client's `request` (so its middleware still sends the token, refreshes once on a
 * 401 and sends Accept-Language). When the operations land, switch each call to client.GET/POST
 * and the DTOs to `Schemas[...]` (see the report in the README's quiz studio section).
 */

// ---- DTOs (from /work/notes/quiz-contract.md, "Q1 authoring") ---------------------------------

export interface QuestionDto {
  id: string;
  type: QuestionType;
  definition: Question;
  categoryId: string | null;
  categoryPath: string | null;
  tags: string[];
  keyRevision: number;
  updatedAt: string;
  /** How many quizzes use the question (fixed questions). */
  usedInQuizzes: number;
}

export interface QuestionPage {
  items: QuestionDto[];
  nextCursor: string | null;
}

export interface QuestionFilters {
  categoryId?: string | null;
  tag?: string | null;
  type?: QuestionType | null;
  q?: string | null;
  cursor?: string | null;
}

export interface RegradeRef {
  id: string;
  quizId: string;
}

export type SavedQuestionDto = QuestionDto & { regrades?: RegradeRef[] };

export interface QuestionCategoryDto {
  id: string;
  path: string;
  questionCount: number;
}

export interface QuizSettings {
  title: string;
  attemptsAllowed: number | null;
  gradingMethod: GradingMethod;
  passingPercent: number;
  timeLimitSeconds: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  resultsPolicy: ResultsPolicy;
  dueAt: string | null;
  questionIds: string[];
  draws: QuizDraw[];
}

export interface QuizDto extends QuizSettings {
  id: string;
  courseId: string;
  questionCount: number;
  /** null while draws make it depend on the questions drawn. */
  maxScore: number | null;
  lessonIds: string[];
}

export const IMPORT_FORMATS = ['gift', 'aiken'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportIssueDto {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface ImportPreviewDto {
  format: ImportFormat;
  questions: { line: number; type: QuestionType; name: string | null; stemPreview: string; categoryPath: string | null }[];
  issues: ImportIssueDto[];
  importable: number;
}

export interface ImportResultDto {
  imported: number;
  categoriesCreated: number;
  /** Questions left out because of errors. */
  skipped?: number;
}

/** passed: passed every quiz shown; not_passed: attempted one and did not pass it; not_attempted: has not attempted one. */
export const GRADEBOOK_STATUSES = ['passed', 'not_passed', 'not_attempted'] as const;
export type GradebookStatus = (typeof GRADEBOOK_STATUSES)[number];

export interface GradebookCell {
  quizId: string;
  attempts: number;
  bestPercent: number | null;
  resultPercent: number | null;
  passed: boolean | null;
  lastSubmittedAt: string | null;
}

export interface GradebookRow {
  userId: string;
  displayName: string;
  accountCode: string;
  cells: GradebookCell[];
}

export interface GradebookDto {
  quizzes: { id: string; title: string; maxScore: number | null; passingPercent?: number }[];
  rows: GradebookRow[];
  nextCursor: string | null;
}

export interface GradebookFilters {
  quizId?: string | null;
  status?: GradebookStatus | null;
  q?: string | null;
  cursor?: string | null;
}

export interface RegradeDto {
  id: string;
  /** The question whose key changed; null for a manual whole-quiz regrade. */
  questionId?: string | null;
  status: RegradeStatus;
  total: number;
  done: number;
  changed: number;
  createdAt: string;
  finishedAt: string | null;
}

// ---- The calls --------------------------------------------------------------------------------

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Query = Record<string, string | null | undefined>;
interface RawInit {
  query?: Query;
  body?: unknown;
  /** A raw text body (the import), sent as text/plain. */
  text?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  parseAs?: 'json' | 'text' | 'blob';
}
type RawResult = { data?: unknown; error?: unknown; response: Response };
type LooseRequest = (method: Method, url: string, init: Record<string, unknown>) => Promise<RawResult>;

const API = '/api/v1';
const seg = encodeURIComponent;
const cleanQuery = (query: Query = {}) => Object.fromEntries(Object.entries(query).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Record<string, string>;

/** Lists may come as an array or wrapped in `{ items }` (as the studio's are). */
const listOf = <T>(data: unknown): T[] => (Array.isArray(data) ? (data as T[]) : ((data as { items?: T[] } | null)?.items ?? []));

export function createQuizStudioApi(client: ApiClient) {
  // Paths not (yet) in the generated schema: the client's own request(), typed loosely here only.
  const request = client.request as unknown as LooseRequest;
  async function call<T>(method: Method, url: string, init: RawInit = {}): Promise<T> {
    const { query, body, text, headers, signal, parseAs } = init;
    let result: RawResult;
    try {
      result = await request(method, API + url, {
        params: { query: cleanQuery(query) },
        ...(text !== undefined
          ? { body: text, bodySerializer: (b: string) => b, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } }
          : { body, headers }),
        signal,
        parseAs,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new NetworkError(error);
    }
    if (!result.response.ok) throw ApiError.from(result.response, result.error);
    return result.data as T;
  }

  return {
    questions: (courseId: string, filters: QuestionFilters, signal?: AbortSignal) =>
      call<QuestionPage>('get', `/studio/courses/${seg(courseId)}/questions`, { query: { ...filters }, signal }),
    question: (questionId: string, signal?: AbortSignal) => call<QuestionDto>('get', `/studio/questions/${seg(questionId)}`, { signal }),
    createQuestion: (courseId: string, definition: Question, categoryPath: string | null) =>
      call<SavedQuestionDto>('post', `/studio/courses/${seg(courseId)}/questions`, { body: { definition, ...(categoryPath ? { categoryPath } : {}) } }),
    updateQuestion: (questionId: string, definition: Question, categoryPath: string | null, keyRevision: number) =>
      call<SavedQuestionDto>('put', `/studio/questions/${seg(questionId)}`, { body: { definition, categoryPath, keyRevision } }),
    deleteQuestion: (questionId: string) => call<void>('delete', `/studio/questions/${seg(questionId)}`),

    categories: (courseId: string, signal?: AbortSignal) =>
      call<unknown>('get', `/studio/courses/${seg(courseId)}/question-categories`, { signal }).then(listOf<QuestionCategoryDto>),
    createCategory: (courseId: string, path: string) => call<QuestionCategoryDto>('post', `/studio/courses/${seg(courseId)}/question-categories`, { body: { path } }),
    deleteCategory: (categoryId: string) => call<void>('delete', `/studio/question-categories/${seg(categoryId)}`),

    quizzes: (courseId: string, signal?: AbortSignal) => call<unknown>('get', `/studio/courses/${seg(courseId)}/quizzes`, { signal }).then(listOf<QuizDto>),
    quiz: (quizId: string, signal?: AbortSignal) => call<QuizDto>('get', `/studio/quizzes/${seg(quizId)}`, { signal }),
    createQuiz: (courseId: string, body: Partial<QuizSettings> & { title: string }) => call<QuizDto>('post', `/studio/courses/${seg(courseId)}/quizzes`, { body }),
    updateQuiz: (quizId: string, body: Partial<QuizSettings>) => call<QuizDto>('patch', `/studio/quizzes/${seg(quizId)}`, { body }),
    deleteQuiz: (quizId: string) => call<void>('delete', `/studio/quizzes/${seg(quizId)}`),

    setExtension: (quizId: string, userId: string, extraSeconds: number) =>
      call<unknown>('put', `/studio/quizzes/${seg(quizId)}/extensions/${seg(userId)}`, { body: { extraSeconds } }),
    removeExtension: (quizId: string, userId: string) => call<void>('delete', `/studio/quizzes/${seg(quizId)}/extensions/${seg(userId)}`),

    previewImport: (courseId: string, format: ImportFormat, text: string, filename?: string) =>
      call<ImportPreviewDto>('post', `/studio/courses/${seg(courseId)}/question-imports`, {
        query: { format },
        text,
        headers: filename ? { 'X-Filename': encodeURIComponent(filename) } : {},
      }),
    confirmImport: (courseId: string, format: ImportFormat, text: string, filename?: string) =>
      call<ImportResultDto>('post', `/studio/courses/${seg(courseId)}/question-imports`, {
        query: { format, confirm: 'true' },
        text,
        headers: filename ? { 'X-Filename': encodeURIComponent(filename) } : {},
      }),
    exportGift: (courseId: string, categoryId: string | null) =>
      call<Blob>('get', `/studio/courses/${seg(courseId)}/questions.gift`, { query: { categoryId }, parseAs: 'blob' }),

    gradebook: (courseId: string, filters: GradebookFilters, signal?: AbortSignal) =>
      call<GradebookDto>('get', `/studio/courses/${seg(courseId)}/gradebook`, { query: { ...filters }, signal }),
    gradebookCsv: (courseId: string, filters: GradebookFilters) =>
      call<Blob>('get', `/studio/courses/${seg(courseId)}/gradebook.csv`, { query: { ...filters, cursor: null }, parseAs: 'blob' }),

    regrades: (quizId: string, signal?: AbortSignal) => call<unknown>('get', `/studio/quizzes/${seg(quizId)}/regrades`, { signal }).then(listOf<RegradeDto>),
    requestRegrade: (quizId: string) => call<RegradeDto>('post', `/studio/quizzes/${seg(quizId)}/regrades`),
  };
}

export type QuizStudioApi = ReturnType<typeof createQuizStudioApi>;

/** The `reasons` of a 422 QUIZ_QUESTION_INVALID (validateQuestion's codes). */
export function problemReasons(error: unknown): string[] {
  if (!(error instanceof ApiError) || !error.problem) return [];
  const reasons = (error.problem as { reasons?: unknown }).reasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
}

export const problemCode = (error: unknown): string | null => (error instanceof ApiError && error.problem ? error.problem.code : null);

/** Saves a downloaded file in the browser (an object URL on a temporary link). */
export function saveFile(blob: Blob, filename: string): void {
  if (typeof URL.createObjectURL !== 'function') return; // jsdom
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
