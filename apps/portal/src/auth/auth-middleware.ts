import type { Middleware } from 'openapi-fetch';

/** What the middleware needs from the session (SessionStore). */
export interface TokenSource {
  accessToken(): string | null;
  tokenForRequest(): Promise<string | null>;
  refresh(): Promise<boolean>;
}

/**
 * Calls that present other credentials (the refresh cookie, a password, a card code): they need
 * no access token, and their 401 means "wrong credentials" or "no session", not "the access token
 * expired", so refreshing and retrying them would be wrong (and the refresh itself would loop).
 */
const CREDENTIAL_CALL = /\/api\/v1\/(auth\/(refresh|sign-in|sign-up|password\/|card)|setup\/admin)/;
/** Sign-out sends the token it has, but a 401 there just means there is nothing left to end. */
const SIGN_OUT = '/api/v1/auth/sign-out';

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
      if (CREDENTIAL_CALL.test(schemaPath)) return request;
      const retryable = schemaPath !== SIGN_OUT;
      // Ordinary calls wait for a token that is about to expire to be refreshed first.
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
