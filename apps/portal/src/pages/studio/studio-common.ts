import { useCallback, useMemo } from 'react';
import type { Locale } from '@baanrian/contracts';
import { useApiClient } from '../../api/api-client-context';
import { useSessionStore } from '../../auth/session-context';
import { currentLocale } from '../../i18n/i18n';
import { createStudioApi, uploadMedia, type StudioApi } from './studio-api';
import { useStudioTranslation } from './studio-i18n';

/** Query keys: everything under `studio` is dropped with the user's other data on sign-out. */
export const studioKeys = {
  all: ['accounts', 'studio'] as const,
  courses: () => [...studioKeys.all, 'courses'] as const,
  invitations: () => [...studioKeys.all, 'invitations'] as const,
  course: (id: string) => [...studioKeys.all, 'course', id] as const,
  preview: (id: string) => [...studioKeys.all, 'preview', id] as const,
  versions: (id: string) => [...studioKeys.all, 'versions', id] as const,
  instructors: (id: string) => [...studioKeys.all, 'instructors', id] as const,
  categories: () => ['categories'] as const,
};

/** Who may use the studio (the API decides per course: owner, accepted co-instructor, admin). */
export const STUDIO_ROLES = ['instructor', 'admin'] as const;

export const STUDIO_ROUTES = { courses: '/studio', course: '/studio/course', preview: '/studio/preview' } as const;
export const courseHref = (id: string) => `${STUDIO_ROUTES.course}?id=${encodeURIComponent(id)}`;
export const previewHref = (id: string) => `${STUDIO_ROUTES.preview}?id=${encodeURIComponent(id)}`;

export function useStudioApi(): StudioApi {
  const client = useApiClient();
  return useMemo(() => createStudioApi(client), [client]);
}

/** uploadMedia bound to the session (token, one refresh on 401) and the UI language. */
export function useUpload() {
  const session = useSessionStore();
  const { i18n } = useStudioTranslation();
  return useCallback(
    (file: File, onProgress: (fraction: number) => void, signal: AbortSignal) =>
      uploadMedia(file, {
        onProgress,
        signal,
        token: () => session.accessToken(),
        refresh: () => session.refresh(),
        language: () => currentLocale(i18n),
      }),
    [session, i18n],
  );
}

/** The course's own language first, then the others. */
export function languagesFirst(first: Locale): Locale[] {
  return [first, ...(['th', 'en', 'vi'] as const).filter((l) => l !== first)];
}

/** The text in `locale`, else the course language, else any. */
export function textIn(text: Partial<Record<Locale, string>> | null | undefined, locale: Locale, fallback?: Locale): string {
  if (!text) return '';
  return text[locale] || (fallback ? text[fallback] : '') || text.th || text.en || text.vi || '';
}

const BANGKOK_OFFSET_MS = 7 * 3_600_000;

/** An ISO instant as a `datetime-local` value in Bangkok time (the programme's clock). */
export function toBangkokInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Bangkok time, as an ISO instant (empty → null). */
export function fromBangkokInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(`${value}:00.000Z`);
  if (Number.isNaN(date.getTime())) return null;
  return new Date(date.getTime() - BANGKOK_OFFSET_MS).toISOString();
}
