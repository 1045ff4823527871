/**
 * Progressive web app: service worker registration, the offline banner and the offline queue.
 * Placeholder API, filled in by the PWA work; the shell already calls it.
 */
export function registerServiceWorker(): void {
  // Filled in by the PWA work.
}

export function OfflineBanner(): null {
  return null;
}
