import { isProblem, type ApiClient, type Schemas } from '@baanrian/api-client';
import type { CaptionTrack, LessonContentByType, LessonType } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the instructor studio makes, in one file, over the generated client (libs/api-client).
 * Lists come back as `{ items }` and are unwrapped here; lesson content (an open object in
 * OpenAPI) is typed by the contract's LessonContentByType. The media upload uses XHR (below).
 */

// ---- DTOs: the generated ones (libs/api-client), lesson content narrowed to the contract's types --

export type StudioCourseSummaryDto = Schemas['StudioCourseSummaryDto'] & { hasUnpublishedChanges?: boolean };
export type LessonContent = LessonContentByType[LessonType];
export type StudioLessonDto = Omit<Schemas['StudioLessonDto'], 'content'> & { content: LessonContent };
export type StudioModuleDto = Omit<Schemas['StudioModuleDto'], 'lessons'> & { lessons: StudioLessonDto[] };
export type StudioCourseDto = Omit<Schemas['StudioCourseDto'], 'modules'> & { modules: StudioModuleDto[] };
export type CreateCourseBody = Schemas['CreateCourseDto'];
export type UpdateCourseBody = Schemas['UpdateCourseDto'];
export type CategoryDto = Schemas['CategoryDto'];
export type CoursePreviewDto = Schemas['CoursePageDto'];
export type CourseVersionDto = Schemas['CourseVersionDto'];
export type CoInstructorDto = Schemas['CourseInstructorDto'];
export type InvitationDto = Schemas['InvitationDto'];
export type MediaDto = Schemas['MediaAssetDto'];
export type OutlineBody = Schemas['ReorderOutlineDto'];

export interface LessonBody<T extends LessonType = LessonType> {
  type: T;
  title: string;
  required: boolean;
  durationMinutes: number | null;
  content: LessonContentByType[T];
}

export type { CaptionTrack };

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

const items = <T>(list: { items: T[] }) => list.items;
// The API's lesson content is `{ [key]: unknown }` in OpenAPI; its DTOs validate it per type (LessonContentByType).
const asCourse = (course: Schemas['StudioCourseDto']) => course as unknown as StudioCourseDto;
const asLesson = (lesson: Schemas['StudioLessonDto']) => lesson as unknown as StudioLessonDto;
const asContent = (content: LessonContent) => content as unknown as Record<string, unknown>;

/**
 * The studio calls, over the app's generated API client: its middleware already sends the access
 * token (refreshing once on a 401) and Accept-Language, and tests fake its `fetch`.
 */
export function createStudioApi(client: ApiClient) {
  const course = (courseId: string) => ({ params: { path: { courseId } } });
  return {
    courses: (signal?: AbortSignal): Promise<StudioCourseSummaryDto[]> => unwrap(client.GET('/api/v1/studio/courses', { signal })).then(items),
    createCourse: (body: CreateCourseBody) => unwrap(client.POST('/api/v1/studio/courses', { body })).then(asCourse),
    course: (courseId: string, signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/courses/{courseId}', { ...course(courseId), signal })).then(asCourse),
    updateCourse: (courseId: string, body: UpdateCourseBody) => unwrap(client.PATCH('/api/v1/studio/courses/{courseId}', { ...course(courseId), body })).then(asCourse),
    deleteCourse: (courseId: string) => unwrap(client.DELETE('/api/v1/studio/courses/{courseId}', course(courseId))),

    createModule: (courseId: string, title: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/modules', { ...course(courseId), body: { title } })),
    updateModule: (moduleId: string, title: string) =>
      unwrap(client.PATCH('/api/v1/studio/modules/{moduleId}', { params: { path: { moduleId } }, body: { title } })),
    deleteModule: (moduleId: string) => unwrap(client.DELETE('/api/v1/studio/modules/{moduleId}', { params: { path: { moduleId } } })),
    createLesson: (moduleId: string, body: LessonBody) =>
      unwrap(
        client.POST('/api/v1/studio/modules/{moduleId}/lessons', { params: { path: { moduleId } }, body: { ...body, content: asContent(body.content) } }),
      ).then(asLesson),
    /** The type is fixed once created: only title, required, duration and the content change. */
    updateLesson: (lessonId: string, { type: _type, ...body }: LessonBody) =>
      unwrap(
        client.PATCH('/api/v1/studio/lessons/{lessonId}', { params: { path: { lessonId } }, body: { ...body, content: asContent(body.content) } }),
      ).then(asLesson),
    deleteLesson: (lessonId: string) => unwrap(client.DELETE('/api/v1/studio/lessons/{lessonId}', { params: { path: { lessonId } } })),
    reorderOutline: (courseId: string, body: OutlineBody) => unwrap(client.PUT('/api/v1/studio/courses/{courseId}/outline', { ...course(courseId), body })).then(asCourse),

    preview: (courseId: string, signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/courses/{courseId}/preview', { ...course(courseId), signal })),
    publish: (courseId: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/publish', course(courseId))).then(asCourse),
    archive: (courseId: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/archive', course(courseId))).then(asCourse),
    restore: (courseId: string) => unwrap(client.POST('/api/v1/studio/courses/{courseId}/restore', course(courseId))).then(asCourse),
    versions: (courseId: string, signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/courses/{courseId}/versions', { ...course(courseId), signal })).then(items),

    instructors: (courseId: string, signal?: AbortSignal) =>
      unwrap(client.GET('/api/v1/studio/courses/{courseId}/instructors', { ...course(courseId), signal })).then(items),
    inviteInstructor: (courseId: string, email: string) =>
      unwrap(client.POST('/api/v1/studio/courses/{courseId}/instructors', { ...course(courseId), body: { email } })).then(items),
    removeInstructor: (courseId: string, userId: string) =>
      unwrap(client.DELETE('/api/v1/studio/courses/{courseId}/instructors/{userId}', { params: { path: { courseId, userId } } })),
    invitations: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/studio/invitations', { signal })).then(items),
    acceptInvitation: (courseId: string) => unwrap(client.POST('/api/v1/studio/invitations/{courseId}/accept', course(courseId))),
    declineInvitation: (courseId: string) => unwrap(client.POST('/api/v1/studio/invitations/{courseId}/decline', course(courseId))),
    categories: (signal?: AbortSignal) => unwrap(client.GET('/api/v1/categories', { signal })).then(items),
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
