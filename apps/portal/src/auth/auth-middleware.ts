import type { Middleware } from 'openapi-fetch';

/** What the middleware needs from the session (SessionStore). */
export interface TokenSource {
  accessToken(): string | null;
  tokenForRequest(): Promise<string | null>;
  refresh(): Promise<boolean>;
}

/**
 * Calls whose 401 means "wrong credentials" or "no session", not "the access token expired":
 * refreshing and retrying them would be wrong (and the refresh itself would loop).
 */
const NO_RETRY = /\/api\/v1\/(auth\/(refresh|sign-in|sign-up|sign-out|password\/|card)|setup\/admin)/;

/**
 * openapi-fetch middleware for every client: adds `Authorization: Bearer <access token>`, and on
 * a 401 refreshes the session once and retries the request once with the new token. Concurrent
 * 401s share one refresh (SessionStore.refresh is single-flight); a request that failed with a
 * token someone else has already replaced is retried without another refresh.
 */
export function authMiddleware(session: TokenSource): Middleware {
  const pending = new Map<string, { copy: Request; sentToken: string | null }>();
  return {
    async onRequest({ request, schemaPath, id }) {
      const retryable = !NO_RETRY.test(schemaPath);
      // Only ordinary calls wait for a token that is about to expire; auth calls go as they are.
      const token = retryable ? await session.tokenForRequest() : session.accessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      // The body can be read only once: keep a copy to send again.
      if (retryable) pending.set(id, { copy: request.clone(), sentToken: token });
      return request;
    },
    async onResponse({ response, id, options }) {
      const entry = pending.get(id);
      pending.delete(id);
      if (!entry || response.status !== 401) return undefined;
      const current = session.accessToken();
      const refreshed = current !== null && current !== entry.sentToken ? true : await session.refresh();
      const token = session.accessToken();
      if (!refreshed || !token) return undefined; // Signed out: the caller gets the original 401.
      entry.copy.headers.set('Authorization', `Bearer ${token}`);
      return options.fetch(entry.copy);
    },
    onError({ id }) {
      pending.delete(id);
    },
  };
}
