import { useMemo } from 'react';
import { useApiClient } from '../../api/api-client-context';
import { createQuizStudioApi, type QuestionFilters, type GradebookFilters, type QuizStudioApi } from './quiz-studio-api';

/** Query keys under the studio's: dropped with the user's other data on sign-out. */
export const quizKeys = {
  all: ['accounts', 'studio', 'quiz'] as const,
  questions: (courseId: string, filters: QuestionFilters) => [...quizKeys.all, 'questions', courseId, filters] as const,
  questionsOf: (courseId: string) => [...quizKeys.all, 'questions', courseId] as const,
  question: (id: string) => [...quizKeys.all, 'question', id] as const,
  categories: (courseId: string) => [...quizKeys.all, 'categories', courseId] as const,
  quizzes: (courseId: string) => [...quizKeys.all, 'quizzes', courseId] as const,
  quiz: (id: string) => [...quizKeys.all, 'quiz', id] as const,
  regrades: (quizId: string) => [...quizKeys.all, 'regrades', quizId] as const,
  gradebook: (courseId: string, filters: GradebookFilters) => [...quizKeys.all, 'gradebook', courseId, filters] as const,
};

export const QUIZ_STUDIO_ROUTE = '/studio/quizzes';
export const QUIZ_STUDIO_TABS = ['bank', 'quizzes', 'import', 'gradebook'] as const;
export type QuizStudioTab = (typeof QUIZ_STUDIO_TABS)[number];

export function quizStudioHref(courseId: string, params: { tab?: QuizStudioTab; question?: string; quiz?: string } = {}): string {
  const search = new URLSearchParams({ course: courseId });
  if (params.tab && params.tab !== 'bank') search.set('tab', params.tab);
  if (params.question) search.set('question', params.question);
  if (params.quiz) search.set('quiz', params.quiz);
  return `${QUIZ_STUDIO_ROUTE}?${search.toString()}`;
}

export function useQuizStudioApi(): QuizStudioApi {
  const client = useApiClient();
  return useMemo(() => createQuizStudioApi(client), [client]);
}

/** An opaque id for a new option, item or pair (ids reach learners, so they must say nothing). */
export function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(Math.random() * 16).toString(16));
}

/** A number typed in any of our scripts: Thai digits, a decimal comma, a Unicode minus; empty → null. */
export function parseNumber(raw: string): number | null | 'invalid' {
  const ascii = raw
    .trim()
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/\u2212/g, '-')
    .replace(',', '.');
  if (ascii === '') return null;
  return /^-?\d+(\.\d+)?$/.test(ascii) ? Number(ascii) : 'invalid';
}

/** Moves the element at `index` by `delta` places (no-op at the ends). */
export function move<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** `Grammar / Tones ` → `Grammar/Tones` (the API refuses empty or space-led segments); empty → null. */
export function cleanCategoryPath(raw: string): string | null {
  const path = raw
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean)
    .join('/');
  return path || null;
}

export const parseRouteId = (raw: string | null): string | null => (raw && /^[\w-]{1,64}$/.test(raw) ? raw : null);
