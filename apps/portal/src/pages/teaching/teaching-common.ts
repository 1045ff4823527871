import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApiClient } from '../../api/api-client-context';
import { useSessionStore } from '../../auth/session-context';
import { currentLocale } from '../../i18n/i18n';
import { createTeachingApi, uploadEnrollmentImport, type TeachingApi } from './teaching-api';
import { useTeachingTranslation } from './teaching-i18n';

/** Query keys: under `accounts` so they are dropped with the user's other data on sign-out. */
export const teachingKeys = {
  all: ['accounts', 'teaching'] as const,
  course: (id: string) => [...teachingKeys.all, 'course', id] as const,
  roster: (id: string) => [...teachingKeys.all, 'roster', id] as const,
  progress: (id: string) => [...teachingKeys.all, 'progress', id] as const,
  sessions: (id: string) => [...teachingKeys.all, 'sessions', id] as const,
  attendance: (lessonId: string) => [...teachingKeys.all, 'attendance', lessonId] as const,
  checkInCode: (lessonId: string) => [...teachingKeys.all, 'check-in-code', lessonId] as const,
};

/** Who may open these screens (the API decides per course: owner, accepted co-instructor, admin). */
export const TEACHING_ROLES = ['instructor', 'admin'] as const;

/** Under /studio, next to the course editor they are reached from. */
export const TEACHING_ROUTES = {
  learners: '/studio/learners',
  sessions: '/studio/sessions',
  session: '/studio/session',
  checkIn: '/studio/check-in',
} as const;
/** The studio's course editor (pages/studio), without importing the studio's chunk. */
const STUDIO_COURSE = '/studio/course';

const q = encodeURIComponent;
export const studioCourseHref = (courseId: string) => `${STUDIO_COURSE}?id=${q(courseId)}`;
export const learnersHref = (courseId: string, tab?: string) => `${TEACHING_ROUTES.learners}?id=${q(courseId)}${tab ? `&tab=${q(tab)}` : ''}`;
export const sessionsHref = (courseId: string) => `${TEACHING_ROUTES.sessions}?id=${q(courseId)}`;
export const sessionHref = (lessonId: string, courseId: string | null, tab?: string) =>
  `${TEACHING_ROUTES.session}?id=${q(lessonId)}${courseId ? `&course=${q(courseId)}` : ''}${tab ? `&tab=${q(tab)}` : ''}`;
export const checkInHref = (lessonId: string, courseId: string | null) => `${TEACHING_ROUTES.checkIn}?id=${q(lessonId)}${courseId ? `&course=${q(courseId)}` : ''}`;

/** Ids in the query string: anything else is treated as missing. */
export const parseId = (raw: string | null): string | null => (raw && /^[\w-]{1,64}$/.test(raw) ? raw : null);

export function useTeachingApi(): TeachingApi {
  const client = useApiClient();
  return useMemo(() => createTeachingApi(client), [client]);
}

/** uploadEnrollmentImport bound to the session (token, one refresh on 401) and the UI language. */
export function useImportUpload() {
  const session = useSessionStore();
  const { i18n } = useTeachingTranslation();
  return useCallback(
    (courseId: string, file: File, onProgress: (fraction: number) => void, signal: AbortSignal) =>
      uploadEnrollmentImport(courseId, file, {
        onProgress,
        signal,
        token: () => session.accessToken(),
        refresh: () => session.refresh(),
        language: () => currentLocale(i18n),
      }),
    [session, i18n],
  );
}

/** The current time, updated every `everyMs` (countdowns). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Cursor paging with "previous" and "next": the API pages forward only, so the cursors of the
 * pages seen so far are kept. Changing the filters starts again at page 1.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: resetKey, cursors: [undefined] });
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  return {
    page: cursors.length,
    cursor: cursors[cursors.length - 1],
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}
