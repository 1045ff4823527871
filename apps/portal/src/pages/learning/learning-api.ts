import type { ApiClient, Schemas } from '@baanrian/api-client';
import type { CaptionTrack, CourseFormat, EnrollmentChannel, EnrollmentStatus, LessonType, LocalizedText, NotificationType } from '@baanrian/contracts';
import { ApiError, NetworkError } from '../../api/errors';

/*
 * Every call the learner screens make, in one file, over the app's generated API client (its
 * middleware sends the access token, refreshing once on a 401, and Accept-Language).
 *
 * Generated types are used where the OpenAPI document has the operation (GET /me/children, the
 * enrolment and attendance routes). The other learning operations (progress, notifications:
 * notes/learning-contract.md)
 * are being built in parallel: until they are in libs/api-client they are typed here from the
 * contract (and the helpers' committed OpenAPI documents: field for field the same shapes) and sent
 * through the same client untyped (`raw`). When `npm run api-client:generate`
 * has them, replace each `raw.X(...)` with `client.X(...)` and the DTOs below with `Schemas[...]`.
 */

// ---- DTOs (learning contract) ----------------------------------------------------------------

export type ChildDto = Schemas['ChildDto'];

// Enrolment (merged into main): the generated types.
export type EnrollmentDto = Schemas['EnrollmentDto'];
export type MyEnrollmentStateDto = Schemas['MyEnrollmentStateDto'];
export type EnrollBody = Schemas['EnrollDto'];

export interface NextSessionDto {
  lessonId: string;
  title: string;
  type: 'live_session' | 'onsite_session';
  startsAt: string;
  endsAt: string;
  venue: string | null;
}

export interface LearningCourseDto {
  courseId: string;
  enrollmentId: string;
  slug: string;
  title: LocalizedText;
  format: CourseFormat;
  enrollmentStatus: EnrollmentStatus;
  progressPercent: number;
  nextSession: NextSessionDto | null;
  resumeLessonId: string | null;
  waitlistPosition: number | null;
  completedAt: string | null;
}

export interface LearningSectionsDto {
  /** Active enrolments, next session first. */
  current: LearningCourseDto[];
  waitlisted: LearningCourseDto[];
  /** Most recently completed first. */
  completed: LearningCourseDto[];
}

/** GET /me/learning: the learner's own sections, and one per child for a guardian. */
export interface MyLearningDto extends LearningSectionsDto {
  children: (LearningSectionsDto & { userId: string; displayName: string })[];
}

export type ProgressStatus = 'not_started' | 'in_progress' | 'completed';

export interface LessonProgressDto {
  status: ProgressStatus;
  percent: number;
  positionSeconds: number | null;
  completedAt: string | null;
}

/** One shape for every lesson type (the fields of other types are null); null while the lesson is locked. */
export interface PlayerLessonContentDto {
  /** Text lessons: sanitised by the API. */
  bodyHtml: string | null;
  videoSource: 'upload' | 'url' | null;
  /** An uploaded video, or a file lesson's file. */
  mediaId: string | null;
  /** A video by URL, or a link lesson. */
  url: string | null;
  captions: CaptionTrack[];
  transcript: string | null;
  /** File and link lessons. */
  description: string | null;
  /** Live sessions, only from 15 minutes before the start until the end. */
  meetingUrl: string | null;
  quizId: string | null;
}

export interface PlayerLessonDto {
  id: string;
  type: LessonType;
  title: string;
  required: boolean;
  durationMinutes: number | null;
  /** Sessions only. */
  startsAt: string | null;
  endsAt: string | null;
  /** Onsite sessions only. */
  venue: string | null;
  address: string | null;
  mapUrl: string | null;
  /** Sequential course: an earlier required lesson is not done yet. */
  locked: boolean;
  progress: LessonProgressDto;
  content: PlayerLessonContentDto | null;
}

export interface PlayerModuleDto {
  id: string;
  title: string;
  lessons: PlayerLessonDto[];
}

export interface CompletionDto {
  met: boolean;
  requiredDone: number;
  requiredTotal: number;
  attendancePercent: number | null;
  requiredAttendancePercent: number | null;
}

export interface PlayerCourseDto {
  course: { id: string; slug: string; title: LocalizedText; format: CourseFormat; sequential: boolean; completionRule: { attendancePercent: number | null } };
  /** Null for an instructor looking at the course. */
  enrollment: { id: string; status: EnrollmentStatus; channel: EnrollmentChannel; completedAt: string | null } | null;
  modules: PlayerModuleDto[];
  progressPercent: number;
  nextLessonId: string | null;
  /** The lesson to resume (last one in progress), else the next. */
  resumeLessonId: string | null;
  completion: CompletionDto;
}

export interface ProgressBody {
  percent?: number;
  positionSeconds?: number;
  completed?: boolean;
  occurredAt?: string;
}

export interface ProgressResultDto {
  lessonId: string;
  progress: LessonProgressDto;
  courseProgressPercent: number;
  enrollmentStatus: EnrollmentStatus;
}

// Attendance (merged into main): the generated types.
export type CheckInResultDto = Schemas['CheckInResultDto'];
export type JoinResultDto = Schemas['JoinResultDto'];

export interface NotificationDto {
  id: string;
  type: NotificationType | string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPageDto {
  /** Newest first. */
  items: NotificationDto[];
  /** Unread in the whole list. */
  unread: number;
  nextCursor: string | null;
}

// ---- The client ------------------------------------------------------------------------------

interface RawInit {
  params?: { path?: Record<string, string>; query?: Record<string, string | boolean | undefined> };
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  parseAs?: 'json' | 'text' | 'blob';
}
type RawResult = Promise<{ data?: unknown; error?: unknown; response: Response }>;
/** The generated client without its path types, for operations the OpenAPI document lacks so far. */
interface RawClient {
  GET(path: string, init?: RawInit): RawResult;
  POST(path: string, init?: RawInit): RawResult;
  PUT(path: string, init?: RawInit): RawResult;
  DELETE(path: string, init?: RawInit): RawResult;
}

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
  const raw = client as unknown as RawClient;
  return {
    // Enrolment (H1): generated.
    enrollmentState: (courseId: string, forUserId?: string, signal?: AbortSignal) =>
      unwrap<MyEnrollmentStateDto>(client.GET('/api/v1/courses/{courseId}/enrollment', { params: { path: { courseId }, query: forUser(forUserId) }, signal })),
    enroll: (courseId: string, body: EnrollBody) => unwrap<EnrollmentDto>(client.POST('/api/v1/courses/{courseId}/enrollment', { params: { path: { courseId } }, body })),
    withdraw: (courseId: string, forUserId?: string) =>
      unwrap<EnrollmentDto>(client.DELETE('/api/v1/courses/{courseId}/enrollment', { params: { path: { courseId }, query: forUser(forUserId) } })),
    children: (signal?: AbortSignal) => unwrap<{ items: ChildDto[] }>(client.GET('/api/v1/me/children', { signal })).then((list) => list.items),

    // Player, progress, My learning (H3)
    myLearning: (signal?: AbortSignal) => unwrap<MyLearningDto>(raw.GET('/api/v1/me/learning', { signal })),
    player: (courseId: string, signal?: AbortSignal) => unwrap<PlayerCourseDto>(raw.GET('/api/v1/learning/courses/{courseId}', { params: { path: { courseId } }, signal })),
    /** Raw status too: the offline queue decides from it whether to keep, drop or retry. */
    putProgress: (lessonId: string, body: ProgressBody, idempotencyKey?: string) =>
      unwrap<ProgressResultDto>(
        raw.PUT('/api/v1/learning/lessons/{lessonId}/progress', {
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
      unwrap<NotificationPageDto>(raw.GET('/api/v1/me/notifications', { params: { query: cursor ? { cursor } : {} }, signal })),
    markRead: (id: string) => unwrap<{ unread: number }>(raw.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    markAllRead: () => unwrap<{ unread: number }>(raw.POST('/api/v1/me/notifications/read-all')),
  };
}

export type LearningApi = ReturnType<typeof createLearningApi>;


/** Media (files, captions) by id, as served by the media module. */
export const mediaUrl = (mediaId: string) => `/api/v1/media/${encodeURIComponent(mediaId)}`;

/** The problem's error code, when the API answered with problem+json. */
export const problemCode = (error: unknown): string | null => (error instanceof ApiError ? (error.problem?.code ?? null) : null);
