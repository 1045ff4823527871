/**
 * Progressive web app: service worker registration, the offline banner and the offline queue.
 * The shell calls `registerServiceWorker()` once and renders `<OfflineBanner />`.
 */
import { connectivity } from './connectivity';
import { startOfflineQueue } from './offline-queue';

export { OfflineBanner } from './offline-banner';
export { useConnectivity, useOfflineQueue } from './hooks';
export { reportNetworkError, reportNetworkOk } from './connectivity';
export { offlineQueue, OfflineQueue, fetchSender, IDEMPOTENCY_HEADER } from './offline-queue';
export type { FailedRequest, QueuedRequest, Sender } from './offline-queue';

/**
 * In a production build, registers `/sw.js` (scope `/`) once the page has loaded, so it never
 * competes with the first render for a slow connection. Also starts replaying the offline queue
 * (now, and whenever the browser comes back online). Does nothing in `vite dev` or in tests.
 */
export function registerServiceWorker(): void {
  if (typeof window === 'undefined') return;
  connectivity();
  startOfflineQueue();
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (e.g. plain http on a LAN address): the portal still works online.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
