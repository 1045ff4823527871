import type { Client } from 'openapi-fetch';
import { isProblem, type ApiClient, type paths, type Problem } from '@baanrian/api-client';
import type {
  AttendanceMethod,
  AttendanceStatus,
  EnrollmentChannel,
  EnrollmentSource,
  EnrollmentStatus,
  Locale,
  TargetGroup,
} from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the instructor's teaching screens make (roster, bulk enrolment, progress, sessions,
 * attendance, QR check-in, walk-ins), over the app's generated client: its middleware sends the
 * token (refreshing once on a 401) and Accept-Language. The enrolment, attendance and progress
 * modules are written in parallel, so their paths are typed here from the shared contract
 * (notes/learning-contract.md) and the GENERATED operation wins as soon as openapi.json has the
 * path (PreferGenerated, as in auth/accounts-api.ts): a generated shape that differs from how it
 * is called below then fails to compile instead of failing at run time.
 */

// ---- DTOs (the contract's shapes) ------------------------------------------------------------

export interface RosterItemDto {
  enrollmentId: string;
  userId: string;
  displayName: string;
  accountCode: string | null;
  targetGroup: TargetGroup | null;
  district: string | null;
  status: EnrollmentStatus;
  channel: EnrollmentChannel;
  source: EnrollmentSource;
  createdAt: string;
}
export interface RosterPageDto {
  items: RosterItemDto[];
  nextCursor: string | null;
}
export interface EnrollmentDto {
  id: string;
  courseId: string;
  userId: string;
  status: EnrollmentStatus;
  channel: EnrollmentChannel;
  source: EnrollmentSource;
  waitlistPosition: number | null;
  createdAt: string;
  activatedAt: string | null;
  completedAt: string | null;
}
export interface AddLearnerBody {
  identifier: string;
  channel?: EnrollmentChannel;
}

export const IMPORT_REJECT_REASONS = [
  'UNKNOWN_ACCOUNT',
  'DUPLICATE_ROW',
  'MISSING_IDENTIFIER',
  'INVALID_CHANNEL',
  'INVALID_ENCODING',
  'UNKNOWN_COLUMNS',
] as const;
export type ImportRejectReason = (typeof IMPORT_REJECT_REASONS)[number];

export interface ImportRejectedRowDto {
  line: number;
  identifier: string | null;
  reason: string;
  /** The reason in the uploader's language (Accept-Language at upload time). */
  message: string;
}
export interface ImportAcceptedRowDto {
  line?: number;
  identifier?: string;
  email?: string | null;
  accountCode?: string | null;
  displayName?: string | null;
  channel?: EnrollmentChannel | null;
}
export interface EnrollmentImportDto {
  id: string;
  status: 'preview' | 'confirmed';
  fileName: string;
  totalRows: number;
  accepted: number;
  rejected: ImportRejectedRowDto[];
  acceptedPreview: ImportAcceptedRowDto[];
}
export interface ImportResultDto {
  enrolled: number;
  waitlisted: number;
  alreadyEnrolled: number;
}

export interface LearnerProgressDto {
  userId: string;
  displayName: string;
  status: EnrollmentStatus;
  progressPercent: number;
  completedLessons: number;
  attendedSessions: number;
  completedAt: string | null;
}
export interface LessonCompletionDto {
  lessonId: string;
  title: string;
  type?: string;
  required?: boolean;
  completed: number;
  inProgress?: number;
}
/** Per learner (a page) and per lesson; `learners`/`completed` count the whole course. */
export interface CourseProgressDto {
  learners?: number;
  completed?: number;
  items: LearnerProgressDto[];
  nextCursor?: string | null;
  lessons: LessonCompletionDto[];
}

export type SessionLessonType = 'live_session' | 'onsite_session';
export interface SessionSummaryDto {
  lessonId: string;
  title: string;
  type: SessionLessonType;
  startsAt: string | null;
  endsAt: string | null;
  venue: string | null;
  enrolled: number;
  present: number;
  absent: number;
  walkIns: number;
}
export interface AttendanceRosterItemDto {
  userId: string;
  enrollmentId: string;
  displayName: string;
  accountCode: string | null;
  targetGroup: TargetGroup | null;
  source: EnrollmentSource;
  status: AttendanceStatus | null;
  method: AttendanceMethod | null;
  recordedAt: string | null;
}
/** The session a roster is about (no counts: the roster itself has them). */
export interface RosterSessionDto {
  lessonId: string;
  courseId?: string;
  title: string;
  type: SessionLessonType;
  startsAt: string | null;
  endsAt: string | null;
  venue: string | null;
}
export interface AttendanceRosterDto {
  session: RosterSessionDto;
  items: AttendanceRosterItemDto[];
}
export interface AttendanceMark {
  userId: string;
  status: AttendanceStatus;
}
export interface CheckInCodeDto {
  url: string;
  code: string;
  /** An SVG document drawn by the API (shown as an image, never injected as markup). */
  svg: string;
  /** Until when this code is accepted (the API also takes the previous window's code). */
  expiresAt: string;
  /** When the next code is issued (the attendance module's addition; before that, expiresAt). */
  rotatesAt?: string;
  rotatesEverySeconds: number;
  /** The check-in window: startsAt − 30 min … endsAt. */
  opensAt?: string;
  closesAt?: string;
}
export interface WalkInBody {
  displayName: string;
  targetGroup: TargetGroup;
  /** The language of their account (mails, the portal); the API's default is Thai. */
  preferredLocale: Locale;
  province?: string;
  district?: string;
  phone?: string;
}
/** `{ userId, accountCode, pin|card }`: the attendance module answers with a sign-in card (assisted sign-up's). */
export interface WalkInResultDto {
  userId: string;
  accountCode: string;
  displayName?: string;
  pin?: string;
  card?: { accountCode: string; oneTimeCode: string; signInUrl: string; qrSvg: string; expiresAt: string };
}

// ---- Paths, in openapi-typescript's shape ----------------------------------------------------

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type ProblemResponse = { headers: { [name: string]: unknown }; content: { 'application/problem+json': Problem } };
type Body<T> = { content: { 'application/json': T } };
type Params<Path, Query = never> = { query?: [Query] extends [never] ? never : Query; header?: never; path: Path; cookie?: never };
type Op<P, RequestBody, Responses> = {
  parameters: P;
  responses: Responses & { default: ProblemResponse };
} & ([RequestBody] extends [never] ? { requestBody?: never } : { requestBody: RequestBody });

type CourseParams<Query = never> = Params<{ courseId: string }, Query>;
type LessonParams = Params<{ lessonId: string }>;
type ImportParams = Params<{ importId: string }>;

interface HandWrittenPaths {
  '/api/v1/studio/courses/{courseId}/enrollments': {
    parameters: CourseParams;
    get: Op<CourseParams<{ status?: EnrollmentStatus; q?: string; cursor?: string }>, never, { 200: Json<RosterPageDto> }>;
    post: Op<CourseParams, Body<AddLearnerBody>, { 201: Json<EnrollmentDto> }>;
  };
  '/api/v1/studio/courses/{courseId}/progress': {
    parameters: CourseParams;
    get: Op<CourseParams<{ cursor?: string }>, never, { 200: Json<CourseProgressDto> }>;
  };
  '/api/v1/studio/enrollment-imports/{importId}/confirm': {
    parameters: ImportParams;
    post: Op<ImportParams, never, { 200: Json<ImportResultDto>; 201: Json<ImportResultDto> }>;
  };
  '/api/v1/studio/courses/{courseId}/sessions': {
    parameters: CourseParams;
    get: Op<CourseParams, never, { 200: Json<SessionSummaryDto[]> }>;
  };
  '/api/v1/studio/sessions/{lessonId}/roster': {
    parameters: LessonParams;
    get: Op<LessonParams, never, { 200: Json<AttendanceRosterDto> }>;
  };
  '/api/v1/studio/sessions/{lessonId}/attendance': {
    parameters: LessonParams;
    put: Op<LessonParams, Body<{ marks: AttendanceMark[] }>, { 200: Json<AttendanceRosterDto> }>;
  };
  '/api/v1/studio/sessions/{lessonId}/check-in-code': {
    parameters: LessonParams;
    get: Op<LessonParams, never, { 200: Json<CheckInCodeDto> }>;
  };
  '/api/v1/studio/sessions/{lessonId}/walk-ins': {
    parameters: LessonParams;
    post: Op<LessonParams, Body<WalkInBody>, { 201: Json<WalkInResultDto> }>;
  };
}

/** Per method: the generated operation when openapi.json has one, else the hand-written one. */
type PreferGenerated<Generated, HandWritten> = {
  [K in keyof Generated | keyof HandWritten]: K extends keyof Generated
    ? [Exclude<Generated[K], undefined>] extends [never]
      ? K extends keyof HandWritten
        ? HandWritten[K]
        : Generated[K]
      : Generated[K]
    : K extends keyof HandWritten
      ? HandWritten[K]
      : never;
};

export type TeachingPaths = {
  [P in keyof HandWrittenPaths]: P extends keyof paths ? PreferGenerated<paths[P], HandWrittenPaths[P]> : HandWrittenPaths[P];
};

// ---- The client ------------------------------------------------------------------------------

/** Waits for a call, turning "no response" into NetworkError and an error status into ApiError. */
async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
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

export interface RosterQuery {
  status?: EnrollmentStatus;
  q?: string;
  cursor?: string;
}

/** Drops empty query values: the API rejects unknown or empty parameters (forbidNonWhitelisted). */
function compact<T extends object>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as T;
}

export function createTeachingApi(apiClient: ApiClient) {
  // The same client instance (same middleware), seen through the contract's paths.
  const client = apiClient as unknown as Client<TeachingPaths>;
  const course = (courseId: string) => ({ path: { courseId } });
  const lesson = (lessonId: string) => ({ params: { path: { lessonId } } });
  return {
    /** The course's studio view (generated: courses module), for its title and language. */
    course: (courseId: string, signal?: AbortSignal) => unwrap(apiClient.GET('/api/v1/studio/courses/{courseId}', { params: course(courseId), signal })),
    roster: (courseId: string, query: RosterQuery, signal?: AbortSignal): Promise<RosterPageDto> =>
      unwrap(client.GET('/api/v1/studio/courses/{courseId}/enrollments', { params: { ...course(courseId), query: compact(query) }, signal })),
    addLearner: (courseId: string, body: AddLearnerBody): Promise<EnrollmentDto> =>
      unwrap(client.POST('/api/v1/studio/courses/{courseId}/enrollments', { params: course(courseId), body })),
    progress: (courseId: string, cursor: string | undefined, signal?: AbortSignal): Promise<CourseProgressDto> =>
      unwrap(client.GET('/api/v1/studio/courses/{courseId}/progress', { params: { ...course(courseId), query: compact({ cursor }) }, signal })),
    confirmImport: (importId: string): Promise<ImportResultDto> =>
      unwrap(client.POST('/api/v1/studio/enrollment-imports/{importId}/confirm', { params: { path: { importId } } })),
    sessions: (courseId: string, signal?: AbortSignal): Promise<SessionSummaryDto[]> =>
      unwrap(client.GET('/api/v1/studio/courses/{courseId}/sessions', { params: course(courseId), signal })),
    attendance: (lessonId: string, signal?: AbortSignal): Promise<AttendanceRosterDto> =>
      unwrap(client.GET('/api/v1/studio/sessions/{lessonId}/roster', { ...lesson(lessonId), signal })),
    saveAttendance: (lessonId: string, marks: AttendanceMark[]): Promise<AttendanceRosterDto> =>
      unwrap(client.PUT('/api/v1/studio/sessions/{lessonId}/attendance', { ...lesson(lessonId), body: { marks } })),
    checkInCode: (lessonId: string, signal?: AbortSignal): Promise<CheckInCodeDto> =>
      unwrap(client.GET('/api/v1/studio/sessions/{lessonId}/check-in-code', { ...lesson(lessonId), signal })),
    addWalkIn: (lessonId: string, body: WalkInBody): Promise<WalkInResultDto> =>
      unwrap(client.POST('/api/v1/studio/sessions/{lessonId}/walk-ins', { ...lesson(lessonId), body })),
  };
}

export type TeachingApi = ReturnType<typeof createTeachingApi>;

// ---- Bulk enrolment upload (XHR, like the studio's media upload: progress for big files) ------

export const importPath = (courseId: string) => `/api/v1/studio/courses/${encodeURIComponent(courseId)}/enrollment-imports`;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The type to send: the API detects CSV/XLSX by the bytes; this only helps proxies and logs. */
export function importContentType(file: File): string {
  if (file.type) return file.type;
  return /\.xlsx$/i.test(file.name) ? XLSX_TYPE : 'text/csv';
}

export interface ImportUploadOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  token: () => string | null;
  refresh: () => Promise<boolean>;
  language: () => string;
  baseUrl?: string;
}

function sendOnce(courseId: string, file: File, options: ImportUploadOptions): Promise<{ status: number; body: unknown; language: string | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', (options.baseUrl ?? '') + importPath(courseId));
    // The raw file as the body, its name in a header: no multipart parsing on the API.
    xhr.setRequestHeader('Content-Type', importContentType(file));
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('Accept-Language', options.language());
    const token = options.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body, language: xhr.getResponseHeader('Content-Language') });
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('Upload cancelled', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}

/** Uploads a CSV/XLSX roster for a preview report; nothing is enrolled until confirmImport. */
export async function uploadEnrollmentImport(courseId: string, file: File, options: ImportUploadOptions): Promise<EnrollmentImportDto> {
  let result = await sendOnce(courseId, file, options);
  if (result.status === 401 && (await options.refresh())) result = await sendOnce(courseId, file, options);
  if (result.status >= 200 && result.status < 300) return result.body as EnrollmentImportDto;
  throw new ApiError(result.status, isProblem(result.body) ? result.body : null, result.language);
}

/** The template offered for download: the columns the importer reads (either identifier). */
export const IMPORT_TEMPLATE_CSV = 'email,account_code,channel\r\nlearner@example.org,,online\r\n,BR-12345,onsite\r\n';
