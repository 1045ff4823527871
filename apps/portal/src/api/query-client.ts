import { QueryClient } from '@tanstack/react-query';
import { shouldRetry } from './errors';

export interface QueryClientOptions {
  /** Delay before retry number `attempt` (0-based); tests pass `() => 0`. */
  retryDelay?: (attempt: number) => number;
}

const backoff = (attempt: number) => Math.min(1000 * 2 ** attempt, 8000);

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The catalogue changes a few times a day: don't refetch on every focus or remount.
        staleTime: 5 * 60_000,
        gcTime: 30 * 60_000,
        retry: shouldRetry,
        retryDelay: options.retryDelay ?? backoff,
        // Always try the request, so a learner who is offline sees "offline" and a retry button
        // instead of a spinner that waits on navigator.onLine (unreliable on many phones).
        networkMode: 'always',
      },
    },
  });
}
