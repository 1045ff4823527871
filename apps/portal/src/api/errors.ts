import { isProblem, type Problem } from '@baanrian/api-client';

/** The request never got an HTTP response: offline, DNS, connection reset, CORS. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(cause: unknown) {
    super('Network request failed', { cause });
  }
}

/** The API answered with an error status. `problem` is set when the body was application/problem+json. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** Language of `problem.title` (the response's Content-Language), when known. */
    readonly language: string | null,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
  }

  static from(response: Response, body: unknown): ApiError {
    return new ApiError(response.status, isProblem(body) ? body : null, response.headers.get('Content-Language'));
  }
}

const MAX_RETRIES = 2;

/** Worth trying again: the network failed, or the server had a transient problem. Never 4xx (except timeouts/rate limits). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 408 || error.status === 429;
  return false;
}

/** TanStack Query `retry` option. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_RETRIES && isRetryable(error);
}
