import { useCallback, useMemo } from 'react';
import { catalogFilterParams, type CatalogFilters, parseCatalogFilters } from '@baanrian/contracts';
import { navigate, useLocation } from '../../routing/location';

/** The catalog URL (`/` with the filters in a fixed order) for a set of filters: links and shares use it. */
export const catalogHref = (filters: CatalogFilters): string => {
  const query = catalogFilterParams(filters).toString();
  return query ? `/?${query}` : '/';
};

/**
 * The catalog filters live in the URL, so a filtered list can be shared and survives a reload.
 * Changing them replaces the history entry (Back leaves the page instead of undoing a filter).
 */
export function useCatalogFilters(): [CatalogFilters, (patch: Partial<CatalogFilters>) => void] {
  const { searchParams } = useLocation();
  // A new object only when the query string changes (useLocation memoises searchParams by it).
  const filters = useMemo(() => parseCatalogFilters(searchParams), [searchParams]);
  const update = useCallback((patch: Partial<CatalogFilters>) => {
    const next: CatalogFilters = { ...parseCatalogFilters(new URLSearchParams(window.location.search)), ...patch };
    for (const name of Object.keys(next) as (keyof CatalogFilters)[]) if (next[name] === undefined) delete next[name];
    navigate(catalogHref(next), { replace: true });
  }, []);
  return [filters, update];
}
