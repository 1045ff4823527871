import type { Client } from 'openapi-fetch';
import { isProblem, type ApiClient } from '@baanrian/api-client';
import type {
  CaptionTrack,
  CourseFormat,
  CourseStatus,
  LessonContentByType,
  LessonType,
  Locale,
  LocalizedText,
  PublishedCourseSnapshot,
  TargetGroup,
} from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the instructor studio makes, in one file. The studio and media endpoints are being
 * built on other branches (courses-studio, courses-media) at the same time, so their DTOs are
 * written here by hand from notes/courses-contract.md and libs/contracts/src/course.ts, in
 * openapi-typescript's shape. Once the generated client (libs/api-client) has them: replace
 * `StudioPaths` with `paths`, drop the cast in `createStudioApi`, and let the compiler point at
 * every DTO below that differs.
 */

// ---- DTOs ------------------------------------------------------------------------------------

export interface StudioCourseSummaryDto {
  id: string;
  slug: string;
  title: LocalizedText;
  language: Locale;
  status: CourseStatus;
  format: CourseFormat;
  hasUnpublishedChanges: boolean;
  publishedVersion: number | null;
  updatedAt: string;
  /** True when the caller owns the course (co-instructors cannot invite or delete). */
  isOwner?: boolean;
}

export type LessonContent = LessonContentByType[LessonType];

export interface StudioLessonDto {
  id: string;
  moduleId: string;
  type: LessonType;
  title: string;
  required: boolean;
  position: number;
  durationMinutes: number | null;
  content: LessonContent;
}

export interface StudioModuleDto {
  id: string;
  title: string;
  position: number;
  lessons: StudioLessonDto[];
}

/** The course fields an instructor edits (PATCH sends any subset of them). */
export interface CourseFields {
  slug: string;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  language: Locale;
  targetGroups: TargetGroup[];
  format: CourseFormat;
  categoryId: string | null;
  tags: string[];
  coverMediaId: string | null;
  capacity: number | null;
  enrollmentOpensAt: string | null;
  enrollmentClosesAt: string | null;
  startsAt: string | null;
  endsAt: string | null;
  learningHours: number | null;
  sequential: boolean;
}

export interface StudioCourseDto extends CourseFields {
  id: string;
  status: CourseStatus;
  ownerId: string;
  publishedVersion: number | null;
  publishedAt: string | null;
  archivedAt: string | null;
  draftRevision: number;
  hasUnpublishedChanges: boolean;
  modules: StudioModuleDto[];
}

export type CreateCourseBody = Pick<CourseFields, 'title' | 'language' | 'format' | 'targetGroups'> & Partial<CourseFields>;
export type UpdateCourseBody = Partial<CourseFields> & { draftRevision: number };

export interface LessonBody<T extends LessonType = LessonType> {
  type: T;
  title: string;
  required: boolean;
  durationMinutes: number | null;
  content: LessonContentByType[T];
}

export interface OutlineBody {
  draftRevision: number;
  modules: { id: string; lessonIds: string[] }[];
}

export interface CategoryDto {
  id: string;
  slug: string;
  name: LocalizedText;
  position: number;
}

/** The preview: the public course page's shape, built from the draft (lesson bodies included). */
export type CoursePreviewDto = Omit<PublishedCourseSnapshot, 'publishedAt' | 'publishedById'> & {
  descriptionHtml: string;
  fiscalYear: number | null;
  instructors: { id: string; displayName: string }[];
  coverImageUrl?: string | null;
};

export interface CourseVersionDto {
  version: number;
  publishedAt: string;
  publishedBy: { id: string; displayName: string } | null;
}

export interface CoInstructorDto {
  userId: string;
  displayName: string;
  email: string | null;
  /** Null while the invitation is pending. */
  acceptedAt: string | null;
  invitedAt: string;
}

export interface InvitationDto {
  courseId: string;
  courseTitle: LocalizedText;
  invitedBy: { id: string; displayName: string } | null;
  invitedAt: string;
}

export interface MediaDto {
  id: string;
  contentType: string;
  size: number;
  fileName: string;
  url?: string;
}

export type { CaptionTrack };

// ---- Paths, in openapi-typescript's shape ---------------------------------------------------

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Body<T> = { content: { 'application/json': T } };
type P<Path> = { query?: never; header?: never; path: Path; cookie?: never };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Op<Params, RequestBody, Responses> = { parameters: Params; responses: Responses } & ([RequestBody] extends [never]
  ? { requestBody?: never }
  : { requestBody: RequestBody });
type CourseP = P<{ courseId: string }>;
type ModuleP = P<{ moduleId: string }>;
type LessonP = P<{ lessonId: string }>;
type StatusQuery = { query?: { status?: CourseStatus }; header?: never; path?: never; cookie?: never };

export interface StudioPaths {
  '/api/v1/studio/courses': {
    parameters: StatusQuery;
    get: Op<StatusQuery, never, { 200: Json<StudioCourseSummaryDto[]> }>;
    post: Op<NoParams, Body<CreateCourseBody>, { 201: Json<StudioCourseDto> }>;
  };
  '/api/v1/studio/courses/{courseId}': {
    parameters: CourseP;
    get: Op<CourseP, never, { 200: Json<StudioCourseDto> }>;
    patch: Op<CourseP, Body<UpdateCourseBody>, { 200: Json<StudioCourseDto> }>;
    delete: Op<CourseP, never, { 204: NoContent }>;
  };
  '/api/v1/studio/courses/{courseId}/modules': {
    parameters: CourseP;
    post: Op<CourseP, Body<{ title: string }>, { 201: Json<StudioModuleDto> }>;
  };
  '/api/v1/studio/modules/{moduleId}': {
    parameters: ModuleP;
    patch: Op<ModuleP, Body<{ title: string }>, { 200: Json<StudioModuleDto> }>;
    delete: Op<ModuleP, never, { 204: NoContent }>;
  };
  '/api/v1/studio/modules/{moduleId}/lessons': {
    parameters: ModuleP;
    post: Op<ModuleP, Body<LessonBody>, { 201: Json<StudioLessonDto> }>;
  };
  '/api/v1/studio/lessons/{lessonId}': {
    parameters: LessonP;
    patch: Op<LessonP, Body<Partial<LessonBody>>, { 200: Json<StudioLessonDto> }>;
    delete: Op<LessonP, never, { 204: NoContent }>;
  };
  '/api/v1/studio/courses/{courseId}/outline': {
    parameters: CourseP;
    put: Op<CourseP, Body<OutlineBody>, { 200: Json<StudioCourseDto> }>;
  };
  '/api/v1/studio/courses/{courseId}/preview': { parameters: CourseP; get: Op<CourseP, never, { 200: Json<CoursePreviewDto> }> };
  '/api/v1/studio/courses/{courseId}/publish': { parameters: CourseP; post: Op<CourseP, never, { 200: Json<StudioCourseDto> }> };
  '/api/v1/studio/courses/{courseId}/archive': { parameters: CourseP; post: Op<CourseP, never, { 200: Json<StudioCourseDto> }> };
  '/api/v1/studio/courses/{courseId}/restore': { parameters: CourseP; post: Op<CourseP, never, { 200: Json<StudioCourseDto> }> };
  '/api/v1/studio/courses/{courseId}/versions': { parameters: CourseP; get: Op<CourseP, never, { 200: Json<CourseVersionDto[]> }> };
  '/api/v1/studio/courses/{courseId}/instructors': {
    parameters: CourseP;
    get: Op<CourseP, never, { 200: Json<CoInstructorDto[]> }>;
    post: Op<CourseP, Body<{ email: string }>, { 201: Json<CoInstructorDto> }>;
  };
  '/api/v1/studio/courses/{courseId}/instructors/{userId}': {
    parameters: P<{ courseId: string; userId: string }>;
    delete: Op<P<{ courseId: string; userId: string }>, never, { 204: NoContent }>;
  };
  '/api/v1/studio/invitations': { parameters: NoParams; get: Op<NoParams, never, { 200: Json<InvitationDto[]> }> };
  '/api/v1/studio/invitations/{courseId}/accept': { parameters: CourseP; post: Op<CourseP, never, { 204: NoContent }> };
  '/api/v1/studio/invitations/{courseId}/decline': { parameters: CourseP; post: Op<CourseP, never, { 204: NoContent }> };
  '/api/v1/categories': { parameters: NoParams; get: Op<NoParams, never, { 200: Json<CategoryDto[]> }> };
}

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

/** The `reasons` a 422 COURSE_NOT_PUBLISHABLE carries (an extension member of the problem). */
export function problemReasons(error: unknown): string[] {
  if (!(error instanceof ApiError) || !error.problem) return [];
  const reasons = (error.problem as { reasons?: unknown }).reasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [];
}

export const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * The studio calls, over the app's API client: its middleware already sends the access token
 * (refreshing once on a 401) and Accept-Language, and tests fake its `fetch`.
 */
export function createStudioApi(apiClient: ApiClient) {
  // The generated client does not know these paths yet; openapi-fetch itself is path-agnostic.
  const client = apiClient as unknown as Client<StudioPaths>;
  const course = (courseId: string) => ({ params: { path: { courseId } } });
  return {
    courses: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/courses', { signal })),
    createCourse: (body: CreateCourseBody) => unwrap(client.POST('/api/v1/studio/courses', { body })),
    course: (courseId: string, signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/courses/{courseId}', { ...course(courseId), signal })),
    updateCourse: (courseId: string, body: UpdateCourseBody) => unwrap(client.PATCH('/api/v1/studio/courses/{courseId}', { ...course(courseId), body })),
    deleteCourse: (courseId: string) => unwrap(client.DELETE('/api/v1/studio/courses/{courseId}', course(courseId))),

    createModule: (courseId: string, title: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/modules', { ...course(courseId), body: { title } })),
    updateModule: (moduleId: string, title: string) =>
      unwrap(client.PATCH('/api/v1/studio/modules/{moduleId}', { params: { path: { moduleId } }, body: { title } })),
    deleteModule: (moduleId: string) => unwrap(client.DELETE('/api/v1/studio/modules/{moduleId}', { params: { path: { moduleId } } })),
    createLesson: (moduleId: string, body: LessonBody) =>
      unwrap(client.POST('/api/v1/studio/modules/{moduleId}/lessons', { params: { path: { moduleId } }, body })),
    updateLesson: (lessonId: string, body: Partial<LessonBody>) =>
      unwrap(client.PATCH('/api/v1/studio/lessons/{lessonId}', { params: { path: { lessonId } }, body })),
    deleteLesson: (lessonId: string) => unwrap(client.DELETE('/api/v1/studio/lessons/{lessonId}', { params: { path: { lessonId } } })),
    reorderOutline: (courseId: string, body: OutlineBody) => unwrap(client.PUT('/api/v1/studio/courses/{courseId}/outline', { ...course(courseId), body })),

    preview: (courseId: string, signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/courses/{courseId}/preview', { ...course(courseId), signal })),
    publish: (courseId: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/publish', course(courseId))),
    archive: (courseId: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/archive', course(courseId))),
    restore: (courseId: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/restore', course(courseId))),
    versions: (courseId: string, signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/courses/{courseId}/versions', { ...course(courseId), signal })),

    instructors: (courseId: string, signal?: AbortSignal) =>
      unwrap(client.GET('/api/v1/studio/courses/{courseId}/instructors', { ...course(courseId), signal })),
    inviteInstructor: (courseId: string, email: string) =>
      unwrap(client.POST('/api/v1/studio/courses/{courseId}/instructors', { ...course(courseId), body: { email } })),
    removeInstructor: (courseId: string, userId: string) =>
      unwrap(client.DELETE('/api/v1/studio/courses/{courseId}/instructors/{userId}', { params: { path: { courseId, userId } } })),
    invitations: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/invitations', { signal })),
    acceptInvitation: (courseId: string) => unwrap(client.POST('/api/v1/studio/invitations/{courseId}/accept', course(courseId))),
    declineInvitation: (courseId: string) => unwrap(client.POST('/api/v1/studio/invitations/{courseId}/decline', course(courseId))),
    categories: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/categories', { signal })),
  };
}

export type StudioApi = ReturnType<typeof createStudioApi>;

// ---- Media upload (XHR: fetch cannot report upload progress in every browser) ----------------

export const MEDIA_PATH = '/api/v1/media';

export interface UploadOptions {
  /** Called with 0..1 as bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** The current access token (null: not signed in). */
  token: () => string | null;
  /** Refreshes the session once after a 401; true when there is a new token. */
  refresh: () => Promise<boolean>;
  language: () => string;
  baseUrl?: string;
}

function sendOnce(file: File, options: UploadOptions): Promise<{ status: number; body: unknown; language: string | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', (options.baseUrl ?? '') + MEDIA_PATH);
    // A raw body with its type and name (the contract's second form): no multipart parsing needed.
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
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

/** Uploads one file to media storage; rejects with ApiError (413/415 problems), NetworkError or AbortError. */
export async function uploadMedia(file: File, options: UploadOptions): Promise<MediaDto> {
  let result = await sendOnce(file, options);
  if (result.status === 401 && (await options.refresh())) result = await sendOnce(file, options);
  if (result.status >= 200 && result.status < 300) return result.body as MediaDto;
  throw new ApiError(result.status, isProblem(result.body) ? result.body : null, result.language);
}

export const mediaUrl = (mediaId: string) => `${MEDIA_PATH}/${encodeURIComponent(mediaId)}`;
