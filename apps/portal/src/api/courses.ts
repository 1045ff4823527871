import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ApiClient, CatalogCoursePage, CatalogList } from '@baanrian/api-client';
import { CATALOGUE_PAGE_SIZE, catalogFilterParams, type CatalogFilters } from '@baanrian/contracts';
import { useApiClient } from './api-client-context';
import { ApiError, NetworkError } from './errors';

/** Courses fetched per request ("show more" asks for the next page with the cursor). */
export const COURSE_PAGE_SIZE = CATALOGUE_PAGE_SIZE;

export const courseKeys = {
  all: ['courses'] as const,
  /** The filters in their fixed order, so the same filters always make the same key. */
  list: (filters: CatalogFilters) => [...courseKeys.all, 'list', Object.fromEntries(catalogFilterParams(filters))] as const,
  page: (slug: string) => [...courseKeys.all, 'page', slug] as const,
};

async function call<T>(request: () => Promise<{ data?: T; error?: unknown; response: Response }>, signal?: AbortSignal): Promise<T> {
  let result;
  try {
    result = await request();
  } catch (error) {
    if (signal?.aborted) throw error; // Cancelled by TanStack Query: not a network failure.
    throw new NetworkError(error);
  }
  const { data, error, response } = result;
  if (!response.ok || data === undefined) throw ApiError.from(response, error);
  return data;
}

/** The query parameters of a catalog request, in the order `catalogueRequestPath` writes them. */
const catalogQuery = (filters: CatalogFilters, cursor: string | null) => ({
  ...Object.fromEntries(catalogFilterParams(filters)),
  ...(cursor ? { cursor } : {}),
  limit: COURSE_PAGE_SIZE,
});

export function fetchCourses(client: ApiClient, filters: CatalogFilters, cursor: string | null = null, signal?: AbortSignal): Promise<CatalogList> {
  return call(() => client.GET('/api/v1/catalog', { params: { query: catalogQuery(filters, cursor) as never }, signal }), signal);
}

/**
 * The path and query of the first page `fetchCourses(client, filters)` requests (checked in its
 * spec): the service worker's saved answers are keyed by it.
 */
export const catalogueRequestPath = (filters: CatalogFilters): string =>
  // Encoded as openapi-fetch encodes a query (encodeURIComponent: a space is %20, not +).
  `/api/v1/catalog?${Object.entries(catalogQuery(filters, null))
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&')}`;

/** Published courses matching the filters, page after page ("show more"). */
export function useCourses(filters: CatalogFilters) {
  const client = useApiClient();
  return useInfiniteQuery({
    queryKey: courseKeys.list(filters),
    queryFn: ({ signal, pageParam }) => fetchCourses(client, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function fetchCoursePage(client: ApiClient, slug: string, signal?: AbortSignal): Promise<CatalogCoursePage> {
  return call(() => client.GET('/api/v1/catalog/{slug}', { params: { path: { slug } }, signal }), signal);
}

/** One course's public page. */
export function useCoursePage(slug: string) {
  const client = useApiClient();
  return useQuery({ queryKey: courseKeys.page(slug), queryFn: ({ signal }) => fetchCoursePage(client, slug, signal) });
}
