import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@baanrian/contracts';
import { useApiClient } from '../../api/api-client-context';
import { currentLocale } from '../../i18n/i18n';
import { createQuizApi, type AttemptDto, type QuizApi } from './quiz-api';

export const QUIZ_PREFIX = '/learning/quizzes/';

export const quizHref = (quizId: string) => `${QUIZ_PREFIX}${encodeURIComponent(quizId)}`;
export const attemptHref = (quizId: string, attemptId: string) => `${quizHref(quizId)}/attempts/${encodeURIComponent(attemptId)}`;
export const resultHref = (quizId: string, attemptId: string) => `${attemptHref(quizId, attemptId)}/result`;

export type QuizRoute =
  | { screen: 'overview'; quizId: string }
  | { screen: 'attempt'; quizId: string; attemptId: string }
  | { screen: 'result'; quizId: string; attemptId: string };

const decode = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
};

/** `/learning/quizzes/{quizId}[/attempts/{attemptId}[/result]]`. */
export function parseQuizPath(pathname: string): QuizRoute {
  const [quizId = '', section, attemptId, tail] = pathname.slice(QUIZ_PREFIX.length).replace(/\/+$/, '').split('/').map(decode);
  if (section === 'attempts' && attemptId) return tail === 'result' ? { screen: 'result', quizId, attemptId } : { screen: 'attempt', quizId, attemptId };
  return { screen: 'overview', quizId };
}

/** Query keys: under `accounts`, so they are dropped with the user's other data on sign-out. */
export const quizKeys = {
  all: ['accounts', 'quiz'] as const,
  quiz: (quizId: string) => [...quizKeys.all, 'quiz', quizId] as const,
  attempt: (attemptId: string) => [...quizKeys.all, 'attempt', attemptId] as const,
  result: (attemptId: string) => [...quizKeys.all, 'result', attemptId] as const,
};

/** An attempt as loaded, with how far this device's clock is behind the server's. */
export interface LoadedAttempt {
  attempt: AttemptDto;
  offsetMs: number;
}

export const loadedAttempt = (attempt: AttemptDto, receivedAt = Date.now()): LoadedAttempt => ({
  attempt,
  offsetMs: Number.isFinite(Date.parse(attempt.serverNow)) ? Date.parse(attempt.serverNow) - receivedAt : 0,
});

export function useQuizApi(): QuizApi {
  const client = useApiClient();
  return useMemo(() => createQuizApi(client), [client]);
}

export function useLocale(): Locale {
  return currentLocale(useTranslation().i18n);
}
