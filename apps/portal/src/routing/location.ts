import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * A deliberately tiny router: the History API plus a subscription, read through
 * useSyncExternalStore. Enough for a few pages and query-string state; swap for a router
 * library when the portal grows nested routes or loaders.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The URL being rendered on the server (see src/ssr), which has no window. */
let serverUrl: string | null = null;
export function setServerLocation(url: string): void {
  serverUrl = url;
}
// In the browser the server snapshot is the real URL: hydration then matches the server's HTML,
// which was rendered for that same URL.
const serverSnapshot = () => serverUrl ?? (typeof window === 'undefined' ? '/' : snapshot());

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (for filters, so Back leaves the page). */
  replace?: boolean;
}

export function navigate(to: string, { replace = false }: NavigateOptions = {}): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(window.history.state, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
}

export interface AppLocation {
  pathname: string;
  searchParams: URLSearchParams;
}

export function useLocation(): AppLocation {
  const current = useSyncExternalStore(subscribe, snapshot, serverSnapshot);
  return useMemo(() => {
    const url = new URL(current, 'http://portal.invalid');
    return { pathname: url.pathname, searchParams: url.searchParams };
  }, [current]);
}

/**
 * One query-string parameter as state, parsed with `parse` (invalid or missing → null).
 * Setting it replaces the history entry and keeps the other parameters.
 */
export function useSearchParam<T extends string>(
  name: string,
  parse: (raw: string | null) => T | null,
): [T | null, (value: T | null) => void] {
  const { pathname, searchParams } = useLocation();
  const value = parse(searchParams.get(name));
  const setValue = useCallback(
    (next: T | null) => {
      const params = new URLSearchParams(window.location.search);
      if (next === null) params.delete(name);
      else params.set(name, next);
      const query = params.toString();
      navigate(pathname + (query ? `?${query}` : ''), { replace: true });
    },
    [name, pathname],
  );
  return [value, setValue];
}
