import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@baanrian/contracts';
import { useApiClient } from '../../api/api-client-context';
import { currentLocale } from '../../i18n/i18n';
import { localized } from '../home/course-card';
import { createLearningApi, type LearningApi } from './learning-api';

/** Query keys: under `accounts`, so they are dropped with the user's other data on sign-out. */
export const learningKeys = {
  all: ['accounts', 'learning'] as const,
  enrollment: (courseId: string, forUserId: string | null) => [...learningKeys.all, 'enrollment', courseId, forUserId] as const,
  children: () => [...learningKeys.all, 'children'] as const,
  myLearning: () => [...learningKeys.all, 'my'] as const,
  player: (courseId: string) => [...learningKeys.all, 'player', courseId] as const,
  notifications: () => [...learningKeys.all, 'notifications'] as const,
  /** The header's unread count (learning-nav.tsx spells the same key: it stays out of this module). */
  unread: () => [...learningKeys.all, 'unread'] as const,
};

export const LEARNING_ROUTES = {
  myLearning: '/learning',
  notifications: '/notifications',
  playerPrefix: '/learning/courses/',
  checkInPrefix: '/check-in/',
} as const;

export const playerHref = (courseId: string, lessonId?: string | null) =>
  `${LEARNING_ROUTES.playerPrefix}${encodeURIComponent(courseId)}${lessonId ? `?lesson=${encodeURIComponent(lessonId)}` : ''}`;

/** The id after a path prefix (`/learning/courses/{id}` → id). */
export function idAfter(prefix: string, pathname: string): string {
  const raw = pathname.slice(prefix.length).replace(/\/+$/, '').split('/')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function useLearningApi(): LearningApi {
  const client = useApiClient();
  return useMemo(() => createLearningApi(client), [client]);
}

export function useLocale(): Locale {
  return currentLocale(useTranslation().i18n);
}

/** A course title from the API (every language it has; Thai is always there for a published course), or a plain string. */
export function titleText(title: Partial<Record<Locale, string>> | string | undefined | null, locale: Locale): { text: string; lang?: string } {
  if (!title) return { text: '' };
  if (typeof title === 'string') return { text: title };
  return localized({ ...title, th: title.th ?? title.en ?? title.vi ?? '' }, locale);
}
