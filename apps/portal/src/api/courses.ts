import { useQuery } from '@tanstack/react-query';
import type { ApiClient, CourseList } from '@baanrian/api-client';
import { CATALOGUE_PAGE_SIZE, type TargetGroup } from '@baanrian/contracts';
import { useApiClient } from './api-client-context';
import { ApiError, NetworkError } from './errors';

/** Courses fetched per request. Pagination ("show more") is not built yet; the count says when there are more. */
export const COURSE_PAGE_SIZE = CATALOGUE_PAGE_SIZE;

export const courseKeys = {
  all: ['courses'] as const,
  list: (targetGroup: TargetGroup | null) => [...courseKeys.all, 'list', { targetGroup }] as const,
};

export async function fetchCourses(
  client: ApiClient,
  targetGroup: TargetGroup | null,
  signal?: AbortSignal,
): Promise<CourseList> {
  let result;
  try {
    result = await client.GET('/api/v1/courses', {
      params: { query: { targetGroup: targetGroup ?? undefined, limit: COURSE_PAGE_SIZE } },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error; // Cancelled by TanStack Query: not a network failure.
    throw new NetworkError(error);
  }
  const { data, error, response } = result;
  if (!response.ok || data === undefined) throw ApiError.from(response, error);
  return data;
}

/**
 * The path and query `fetchCourses(client, targetGroup)` requests (checked in its spec): the
 * service worker's saved answers are keyed by it.
 */
export const catalogueRequestPath = (targetGroup: TargetGroup | null): string =>
  `/api/v1/courses?${targetGroup ? `targetGroup=${targetGroup}&` : ''}limit=${COURSE_PAGE_SIZE}`;

/** Published courses, optionally only those for one target group (`null` = all groups). */
export function useCourses(targetGroup: TargetGroup | null) {
  const client = useApiClient();
  return useQuery({
    queryKey: courseKeys.list(targetGroup),
    queryFn: ({ signal }) => fetchCourses(client, targetGroup, signal),
  });
}
