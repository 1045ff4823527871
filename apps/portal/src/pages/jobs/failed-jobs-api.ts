import type { ApiClient, Schemas } from '@baanrian/api-client';
import { FAILED_JOB_PAGE_SIZE, type FailedJobQueue, type FailedJobStatus } from '@baanrian/contracts';
import { useMemo } from 'react';
import { useApiClient } from '../../api/api-client-context';
import { ApiError, NetworkError } from '../../api/errors';

/* The failed-jobs calls, over the generated client (token, refresh and Accept-Language included). */

export type FailedJobDto = Schemas['FailedJobDto'];
export type FailedJobListDto = Schemas['FailedJobListDto'];

export interface FailedJobsFilter {
  queue: FailedJobQueue | null;
  /** null: every status. */
  status: FailedJobStatus | null;
  page: number;
}

type Call = Promise<{ data?: unknown; error?: unknown; response: Response }>;

async function unwrap<T>(call: Call): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!result.response.ok) throw ApiError.from(result.response, result.error);
  return result.data as T;
}

export function createFailedJobsApi(client: ApiClient) {
  const id = (value: string) => ({ params: { path: { id: value } } });
  return {
    list: (filter: FailedJobsFilter, signal?: AbortSignal) =>
      unwrap<FailedJobListDto>(
        client.GET('/api/v1/admin/jobs/failed', {
          params: {
            query: {
              ...(filter.queue ? { queue: filter.queue } : {}),
              ...(filter.status ? { status: filter.status } : {}),
              limit: FAILED_JOB_PAGE_SIZE,
              offset: (filter.page - 1) * FAILED_JOB_PAGE_SIZE,
            },
          },
          signal,
        }),
      ),
    retry: (failureId: string) => unwrap<FailedJobDto>(client.POST('/api/v1/admin/jobs/failed/{id}/retry', id(failureId))),
    dismiss: (failureId: string, reason: string) => unwrap<FailedJobDto>(client.POST('/api/v1/admin/jobs/failed/{id}/dismiss', { ...id(failureId), body: { reason } })),
  };
}

export function useFailedJobsApi() {
  const client = useApiClient();
  return useMemo(() => createFailedJobsApi(client), [client]);
}

/** Under `accounts`, so signing out drops them with the other administration data. */
export const failedJobKeys = {
  all: ['accounts', 'admin', 'failed-jobs'] as const,
  list: (filter: FailedJobsFilter) => [...failedJobKeys.all, filter] as const,
};
