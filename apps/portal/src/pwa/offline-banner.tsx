import { useContext, useEffect } from 'react';
import { QueryClientContext } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { connectivity, type ConnectivityStore } from './connectivity';
import { useConnectivity, useOfflineQueue } from './hooks';
import { offlineQueue, type OfflineQueue } from './offline-queue';
import './offline-banner.css';

export interface OfflineBannerProps {
  /** Injected in tests; the page-wide instances otherwise. */
  store?: ConnectivityStore;
  queue?: OfflineQueue;
}

/** TanStack Query errors without an HTTP response (NetworkError from the API layer) mean the network is down. */
function useQueryNetworkErrors(store: ConnectivityStore): void {
  const queryClient = useContext(QueryClientContext);
  useEffect(() => {
    if (!queryClient) return undefined;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated') return;
      const action = event.action as { type: string; error?: unknown };
      if (action.type === 'error' && (action.error as { name?: string } | undefined)?.name === 'NetworkError') {
        store.reportNetworkError();
      } else if (action.type === 'success' && !navigator.serviceWorker?.controller) {
        // With a service worker, an answer may come from its cache: it tells us itself.
        store.reportNetworkOk();
      }
    });
  }, [queryClient, store]);
}

/**
 * A polite status line: offline, showing saved data, and changes waiting to be sent or refused.
 * The live region is always in the page (empty when all is well) so screen readers announce changes.
 */
export function OfflineBanner({ store = connectivity(), queue = offlineQueue() }: OfflineBannerProps = {}) {
  const { t, i18n } = useTranslation('pwa');
  const { offline, staleSince } = useConnectivity(store);
  const { pendingCount, failed, dismissFailed } = useOfflineQueue(queue);
  useQueryNetworkErrors(store);

  const messages: string[] = [];
  if (offline) messages.push(t('offline'));
  if (offline && staleSince !== null) {
    const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(staleSince);
    messages.push(t('stale', { time }));
  }
  if (pendingCount > 0) messages.push(t('pending', { count: pendingCount }));
  const visible = messages.length > 0 || failed.length > 0;

  return (
    <div className="pwa-banner" role="status" aria-live="polite" hidden={!visible} data-offline={offline || undefined}>
      {messages.map((message) => (
        <p key={message} className="pwa-banner__line">
          {message}
        </p>
      ))}
      {failed.length > 0 && (
        <p className="pwa-banner__line pwa-banner__line--failed">
          {t('failed', { count: failed.length })}{' '}
          <button type="button" className="pwa-banner__button" onClick={() => dismissFailed()}>
            {t('dismissFailed')}
          </button>
        </p>
      )}
    </div>
  );
}
