import { useEffect, useRef } from 'react';
import type { components, paths } from '@baanrian/api-client';

/** The beacon's body, as the generated client types `recordVisit`. */
export type ReachVisit = components['schemas']['RecordVisitDto'];
export type ReachPage = ReachVisit['page'];

const VISITS_PATH = '/api/v1/reach/visits' satisfies keyof paths;
/** The API refuses longer utm_* values; a long campaign name is cut rather than lose the visit. */
const UTM_MAX_LENGTH = 100;

/** Only where the visitor came from (origin + path): another site's query string may hold their data. */
export function referrerOrigin(referrer: string): string | undefined {
  try {
    const url = new URL(referrer);
    return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}${url.pathname}` : undefined;
  } catch {
    return undefined;
  }
}

/** The visit of `page`, with the referrer and the utm_* parameters of the current address. */
export function reachVisit(page: ReachPage, courseSlug: string | undefined, search: string, referrer: string): ReachVisit {
  const query = new URLSearchParams(search);
  const utm = (name: string) => query.get(name)?.trim().slice(0, UTM_MAX_LENGTH) || undefined;
  const visit: ReachVisit = {
    page,
    courseSlug: page === 'course' ? courseSlug : undefined,
    referrer: referrerOrigin(referrer),
    utmSource: utm('utm_source'),
    utmMedium: utm('utm_medium'),
    utmCampaign: utm('utm_campaign'),
  };
  return Object.fromEntries(Object.entries(visit).filter(([, value]) => value !== undefined)) as ReachVisit;
}

/**
 * Sends the visit without waiting for an answer. `sendBeacon` first: it never holds up the page or
 * a navigation, and it bypasses the API client's sign-in middleware (a beacon must never trigger a
 * token refresh); else a keepalive fetch. The payload is typed by the generated client all the same.
 */
export function sendReachBeacon(visit: ReachVisit): void {
  const body = JSON.stringify(visit);
  try {
    if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(VISITS_PATH, new Blob([body], { type: 'application/json' }))) return;
  } catch {
    // Some browsers refuse beacons in private modes; the fetch below still counts the visit.
  }
  try {
    void fetch(VISITS_PATH, { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, keepalive: true, credentials: 'omit' }).catch(() => undefined);
  } catch {
    // Counting a visit is never worth an error on the page.
  }
}

/**
 * Counts one view of the catalog or a course page (measured reach, docs/reports.md): once per
 * mount and page, again only when the course changes. No cookie is set; the server keeps a daily
 * salted hash of the address, never the address.
 */
export function useReachBeacon(page: ReachPage, courseSlug?: string): void {
  const sent = useRef<string | null>(null);
  useEffect(() => {
    // No page to count outside a browser (or after a test's DOM is gone, hydration finishing late).
    if (typeof window === 'undefined' || (page === 'course' && !courseSlug)) return;
    const key = `${page}:${courseSlug ?? ''}`;
    // React's strict mode runs effects twice in development: still one view.
    if (sent.current === key) return;
    sent.current = key;
    sendReachBeacon(reachVisit(page, courseSlug, window.location.search, document.referrer));
  }, [page, courseSlug]);
}
