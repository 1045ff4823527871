import type { ApiClient, Schemas } from '@baanrian/api-client';
import type { Question, QuestionType } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the quiz screens of the studio make (issue 8, "Q1 authoring" in the quiz contract),
 * over the app's generated API client (its middleware sends the token, refreshes once on a 401 and
 * sends Accept-Language). Every operation is in the generated client (libs/api-client): paths,
 * parameters, bodies and the DTOs below are its types. Only a question's `definition` is narrowed
 * to the contract's `Question` union: the OpenAPI document describes it as one object with every
 * type's fields optional. Problems become ApiError, no response NetworkError.
 */

// ---- DTOs: the generated ones (quiz contract, Q1 authoring) ------------------------------------

type WithDefinition<T> = Omit<T, 'definition'> & { definition: Question };

export type QuestionDto = WithDefinition<Schemas['QuestionDto']>;
export type QuestionPage = Omit<Schemas['QuestionPageDto'], 'items'> & { items: QuestionDto[] };

export interface QuestionFilters {
  categoryId?: string | null;
  tag?: string | null;
  type?: QuestionType | null;
  q?: string | null;
  cursor?: string | null;
}

export type RegradeRef = Schemas['RegradeRefDto'];
export type SavedQuestionDto = WithDefinition<Schemas['SavedQuestionDto']>;
export type QuestionCategoryDto = Schemas['QuestionCategoryDto'];

/** What the settings form edits: the quiz without its server-kept fields. */
export type QuizSettings = Omit<Schemas['QuizDto'], 'id' | 'courseId' | 'questionCount' | 'maxScore' | 'lessonIds'>;
export type QuizDto = Schemas['QuizDto'];
/**
 * A create or update body: any of the settings. The generator marks the fields with a default as
 * required in the request types, but the API fills in the defaults (create) or keeps the stored
 * values (update), hence the casts in createQuiz/updateQuiz.
 */
export type QuizBody = Partial<QuizSettings>;

export const IMPORT_FORMATS = ['gift', 'aiken'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportIssueDto = Schemas['QuestionImportIssueDto'];
export type ImportPreviewDto = Schemas['QuestionImportPreviewDto'];
export type ImportResultDto = Schemas['QuestionImportResultDto'];

/** passed: passed every quiz shown; not_passed: attempted one and did not pass it; not_attempted: has not attempted one. */
export const GRADEBOOK_STATUSES = ['passed', 'not_passed', 'not_attempted'] as const;
export type GradebookStatus = (typeof GRADEBOOK_STATUSES)[number];

export type GradebookCell = Schemas['GradebookCellDto'];
export type GradebookRow = Schemas['GradebookRowDto'];
export type GradebookDto = Schemas['GradebookDto'];

export interface GradebookFilters {
  quizId?: string | null;
  status?: GradebookStatus | null;
  q?: string | null;
  cursor?: string | null;
}

export type RegradeDto = Schemas['RegradeDto'];
export type ExtensionDto = Schemas['ExtensionDto'];

// ---- The calls --------------------------------------------------------------------------------

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

/** The filters without the empty ones (null, undefined, ''), which the API would reject or misread. */
function clean<T extends object>(filters: T): { [K in keyof T]?: Exclude<T[K], null | ''> } {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== null && v !== undefined && v !== '')) as { [K in keyof T]?: Exclude<T[K], null | ''> };
}

/** The import's file goes as the raw text body (text/plain), its name in X-Filename. */
const importInit = (courseId: string, format: ImportFormat, text: string, filename: string | undefined, confirm: boolean) => ({
  params: { path: { courseId }, query: confirm ? { format, confirm: true } : { format } },
  body: text,
  bodySerializer: (body: string) => body,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', ...(filename ? { 'X-Filename': encodeURIComponent(filename) } : {}) },
});

export function createQuizStudioApi(client: ApiClient) {
  const course = (courseId: string) => ({ path: { courseId } });
  const quiz = (quizId: string) => ({ path: { quizId } });
  return {
    questions: (courseId: string, filters: QuestionFilters, signal?: AbortSignal) =>
      unwrap<QuestionPage>(client.GET('/api/v1/studio/courses/{courseId}/questions', { params: { ...course(courseId), query: clean(filters) }, signal })),
    question: (questionId: string, signal?: AbortSignal) =>
      unwrap<QuestionDto>(client.GET('/api/v1/studio/questions/{questionId}', { params: { path: { questionId } }, signal })),
    createQuestion: (courseId: string, definition: Question, categoryPath: string | null) =>
      unwrap<SavedQuestionDto>(
        client.POST('/api/v1/studio/courses/{courseId}/questions', { params: course(courseId), body: { definition, ...(categoryPath ? { categoryPath } : {}) } }),
      ),
    /** No categoryPath: uncategorised (as null was; the API takes a missing path as none). */
    updateQuestion: (questionId: string, definition: Question, categoryPath: string | null, keyRevision: number) =>
      unwrap<SavedQuestionDto>(
        client.PUT('/api/v1/studio/questions/{questionId}', { params: { path: { questionId } }, body: { definition, keyRevision, ...(categoryPath ? { categoryPath } : {}) } }),
      ),
    deleteQuestion: (questionId: string) => unwrap<void>(client.DELETE('/api/v1/studio/questions/{questionId}', { params: { path: { questionId } } })),

    categories: (courseId: string, signal?: AbortSignal) =>
      unwrap<QuestionCategoryDto[]>(client.GET('/api/v1/studio/courses/{courseId}/question-categories', { params: course(courseId), signal })),
    createCategory: (courseId: string, path: string) =>
      unwrap<QuestionCategoryDto>(client.POST('/api/v1/studio/courses/{courseId}/question-categories', { params: course(courseId), body: { path } })),
    deleteCategory: (categoryId: string) =>
      unwrap<void>(client.DELETE('/api/v1/studio/question-categories/{categoryId}', { params: { path: { categoryId } } })),

    quizzes: (courseId: string, signal?: AbortSignal) => unwrap<QuizDto[]>(client.GET('/api/v1/studio/courses/{courseId}/quizzes', { params: course(courseId), signal })),
    quiz: (quizId: string, signal?: AbortSignal) => unwrap<QuizDto>(client.GET('/api/v1/studio/quizzes/{quizId}', { params: quiz(quizId), signal })),
    createQuiz: (courseId: string, body: QuizBody & { title: string }) =>
      unwrap<QuizDto>(client.POST('/api/v1/studio/courses/{courseId}/quizzes', { params: course(courseId), body: body as Schemas['CreateQuizDto'] })),
    updateQuiz: (quizId: string, body: QuizBody) =>
      unwrap<QuizDto>(client.PATCH('/api/v1/studio/quizzes/{quizId}', { params: quiz(quizId), body: body as Schemas['UpdateQuizDto'] })),
    deleteQuiz: (quizId: string) => unwrap<void>(client.DELETE('/api/v1/studio/quizzes/{quizId}', { params: quiz(quizId) })),

    setExtension: (quizId: string, userId: string, extraSeconds: number) =>
      unwrap<ExtensionDto>(client.PUT('/api/v1/studio/quizzes/{quizId}/extensions/{userId}', { params: { path: { quizId, userId } }, body: { extraSeconds } })),
    removeExtension: (quizId: string, userId: string) =>
      unwrap<void>(client.DELETE('/api/v1/studio/quizzes/{quizId}/extensions/{userId}', { params: { path: { quizId, userId } } })),

    previewImport: (courseId: string, format: ImportFormat, text: string, filename?: string) =>
      unwrap<ImportPreviewDto>(client.POST('/api/v1/studio/courses/{courseId}/question-imports', importInit(courseId, format, text, filename, false))),
    confirmImport: (courseId: string, format: ImportFormat, text: string, filename?: string) =>
      unwrap<ImportResultDto>(client.POST('/api/v1/studio/courses/{courseId}/question-imports', importInit(courseId, format, text, filename, true))),
    exportGift: (courseId: string, categoryId: string | null) =>
      unwrap<Blob>(client.GET('/api/v1/studio/courses/{courseId}/questions.gift', { params: { ...course(courseId), query: clean({ categoryId }) }, parseAs: 'blob' })),

    gradebook: (courseId: string, filters: GradebookFilters, signal?: AbortSignal) =>
      unwrap<GradebookDto>(client.GET('/api/v1/studio/courses/{courseId}/gradebook', { params: { ...course(courseId), query: clean(filters) }, signal })),
    /** The CSV takes only the quiz filter (the API rejects other query fields): every learner, every status. */
    gradebookCsv: (courseId: string, filters: GradebookFilters) =>
      unwrap<Blob>(
        client.GET('/api/v1/studio/courses/{courseId}/gradebook.csv', { params: { ...course(courseId), query: clean({ quizId: filters.quizId }) }, parseAs: 'blob' }),
      ),

    regrades: (quizId: string, signal?: AbortSignal) => unwrap<RegradeDto[]>(client.GET('/api/v1/studio/quizzes/{quizId}/regrades', { params: quiz(quizId), signal })),
    requestRegrade: (quizId: string) => unwrap<RegradeDto>(client.POST('/api/v1/studio/quizzes/{quizId}/regrades', { params: quiz(quizId) })),
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
