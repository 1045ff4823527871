import type { ApiClient, Schemas } from '@baanrian/api-client';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the learner screens make, in one file, over the app's generated API client (its
 * middleware sends the access token, refreshing once on a 401, and Accept-Language).
 *
 * Every operation is in the generated client (libs/api-client): paths, parameters, bodies and
 * the DTOs below are its types (notes/learning-contract.md). Problems become ApiError, no response
 * NetworkError (the offline progress queue keeps an update on the latter).
 */

// ---- DTOs: the generated ones (learning contract) --------------------------------------------

export type ChildDto = Schemas['ChildDto'];

// Enrolment (merged into main): the generated types.
export type EnrollmentDto = Schemas['EnrollmentDto'];
export type MyEnrollmentStateDto = Schemas['MyEnrollmentStateDto'];
export type EnrollBody = Schemas['EnrollDto'];

// Player, progress, My learning, notifications (merged into main): the generated types.
export type NextSessionDto = Schemas['NextSessionDto'];
export type LearningCourseDto = Schemas['MyLearningCourseDto'];
export type LearningSectionsDto = Pick<Schemas['MyLearningDto'], 'current' | 'waitlisted' | 'completed'>;
/** GET /me/learning: the learner's own sections, and one per child for a guardian. */
export type MyLearningDto = Schemas['MyLearningDto'];
export type ProgressStatus = Schemas['LessonProgressState'];
export type LessonProgressDto = Schemas['LessonProgressDto'];
/** One shape for every lesson type (the fields of other types are null); null while the lesson is locked. */
export type PlayerLessonContentDto = Schemas['PlayerLessonContentDto'];
export type PlayerLessonDto = Schemas['PlayerLessonDto'];
export type PlayerModuleDto = Schemas['PlayerModuleDto'];
export type CompletionDto = Schemas['CompletionStateDto'];
export type PlayerCourseDto = Schemas['PlayerCourseDto'];

export type ProgressBody = Schemas['UpdateLessonProgressDto'];

export type ProgressResultDto = Schemas['LessonProgressResultDto'];

// Attendance (merged into main): the generated types.
export type CheckInResultDto = Schemas['CheckInResultDto'];
export type JoinResultDto = Schemas['JoinResultDto'];

export type NotificationDto = Schemas['NotificationDto'];
export type NotificationPageDto = Schemas['NotificationListDto'];

// ---- The client ------------------------------------------------------------------------------

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

const forUser = (forUserId?: string) => (forUserId ? { forUserId } : {});

export function createLearningApi(client: ApiClient) {
  return {
    // Enrolment (H1): generated.
    enrollmentState: (courseId: string, forUserId?: string, signal?: AbortSignal) =>
      unwrap<MyEnrollmentStateDto>(client.GET('/api/v1/courses/{courseId}/enrollment', { params: { path: { courseId }, query: forUser(forUserId) }, signal })),
    enroll: (courseId: string, body: EnrollBody) => unwrap<EnrollmentDto>(client.POST('/api/v1/courses/{courseId}/enrollment', { params: { path: { courseId } }, body })),
    withdraw: (courseId: string, forUserId?: string) =>
      unwrap<EnrollmentDto>(client.DELETE('/api/v1/courses/{courseId}/enrollment', { params: { path: { courseId }, query: forUser(forUserId) } })),
    children: (signal?: AbortSignal) => unwrap<{ items: ChildDto[] }>(client.GET('/api/v1/me/children', { signal })).then((list) => list.items),

    // Player, progress, My learning (H3)
    myLearning: (signal?: AbortSignal) => unwrap<MyLearningDto>(client.GET('/api/v1/me/learning', { signal })),
    player: (courseId: string, signal?: AbortSignal) => unwrap<PlayerCourseDto>(client.GET('/api/v1/learning/courses/{courseId}', { params: { path: { courseId } }, signal })),
    /** Raw status too: the offline queue decides from it whether to keep, drop or retry. */
    putProgress: (lessonId: string, body: ProgressBody, idempotencyKey?: string) =>
      unwrap<ProgressResultDto>(
        client.PUT('/api/v1/learning/lessons/{lessonId}/progress', {
          params: { path: { lessonId } },
          body,
          headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
        }),
      ),

    // Attendance (H2): generated.
    checkIn: (lessonId: string, code: string) =>
      unwrap<CheckInResultDto>(client.POST('/api/v1/sessions/{lessonId}/check-ins', { params: { path: { lessonId } }, body: { code } })),
    join: (lessonId: string) => unwrap<JoinResultDto>(client.POST('/api/v1/sessions/{lessonId}/join', { params: { path: { lessonId } } })),

    /**
     * The learner's upcoming sessions as text/calendar. Fetched (not a plain link) because the API
     * wants the bearer token, which a link cannot carry; the page then saves the bytes as a file.
     */
    sessionsIcs: (includeChildren: boolean) =>
      unwrap<Blob>(client.GET('/api/v1/me/sessions.ics', { params: { query: includeChildren ? { includeChildren: true } : {} }, parseAs: 'blob' })),

    // Notifications (H3)
    notifications: (cursor?: string, signal?: AbortSignal) =>
      unwrap<NotificationPageDto>(client.GET('/api/v1/me/notifications', { params: { query: cursor ? { cursor } : {} }, signal })),
    markRead: (id: string) => unwrap<{ unread: number }>(client.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    markAllRead: () => unwrap<{ unread: number }>(client.POST('/api/v1/me/notifications/read-all')),
  };
}

export type LearningApi = ReturnType<typeof createLearningApi>;


/** Media (files, captions) by id, as served by the media module. */
export const mediaUrl = (mediaId: string) => `/api/v1/media/${encodeURIComponent(mediaId)}`;

/** The problem's error code, when the API answered with problem+json. */
export const problemCode = (error: unknown): string | null => (error instanceof ApiError ? (error.problem?.code ?? null) : null);
