import type { DehydratedState } from '@tanstack/react-query';
import type { CatalogList } from '@baanrian/api-client';
import { parseCatalogFilters } from '@baanrian/contracts';
import { catalogueRequestPath, courseKeys } from '../api/courses';
import { DATA_CACHE, SAVED_AT_HEADER } from './service-worker';

/**
 * A server-rendered start page brings its catalogue inline instead of fetching it, so the service
 * worker never sees that answer. Saves it where the worker keeps catalogue answers, as if it had
 * been fetched, so the page still shows the catalogue after a reload offline.
 */
export async function saveServerRenderedCatalogue(state: DehydratedState, cacheStorage: CacheStorage | undefined = globalThis.caches): Promise<number> {
  if (!cacheStorage) return 0;
  const cache = await cacheStorage.open(DATA_CACHE);
  let saved = 0;
  for (const query of state.queries) {
    const [scope, kind, params] = query.queryKey as [unknown, unknown, Record<string, string> | undefined];
    if (scope !== courseKeys.all[0] || kind !== 'list' || query.state.status !== 'success') continue;
    // A listing is pages ("show more"); the server rendered the first.
    const first = (query.state.data as { pages?: CatalogList[] } | undefined)?.pages?.[0];
    if (!first) continue;
    const filters = parseCatalogFilters(new URLSearchParams(params ?? {}));
    const headers = { 'Content-Type': 'application/json', [SAVED_AT_HEADER]: String(query.state.dataUpdatedAt) };
    await cache.put(catalogueRequestPath(filters), new Response(JSON.stringify(first), { headers }));
    saved++;
  }
  return saved;
}
