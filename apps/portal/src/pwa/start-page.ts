/**
 * The start page's first API request (the catalogue: all target groups, first page). The build
 * preloads it from index.html, so the answer is on its way while the JavaScript downloads.
 * Must be exactly the URL `fetchCourses(client, {})` requests (checked in build-plugin.spec.ts).
 */
export const CATALOGUE_FIRST_REQUEST = '/api/v1/catalog?limit=50';

/** The start page's lazily loaded route module, preloaded with the entry. */
export const START_PAGE_MODULE = 'src/pages/home/home-page.tsx';
