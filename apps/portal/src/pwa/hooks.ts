import { useSyncExternalStore } from 'react';
import { type Connectivity, connectivity, type ConnectivityStore } from './connectivity';
import { type FailedRequest, offlineQueue, type OfflineQueue, type QueuedRequest } from './offline-queue';

export interface OfflineQueueState {
  /** Writes waiting to be sent. */
  pending: readonly QueuedRequest[];
  pendingCount: number;
  /** Writes the API refused (4xx), until dismissed. */
  failed: readonly FailedRequest[];
  dismissFailed: (ids?: readonly string[]) => void;
}

/** The offline queue's state, re-rendering when it changes. */
export function useOfflineQueue(queue: OfflineQueue = offlineQueue()): OfflineQueueState {
  const subscribe = (listener: () => void) => queue.subscribe(listener);
  const pending = useSyncExternalStore(subscribe, () => queue.pending(), () => queue.pending());
  const failed = useSyncExternalStore(subscribe, () => queue.failed(), () => queue.failed());
  return { pending, pendingCount: pending.length, failed, dismissFailed: (ids) => queue.dismissFailed(ids) };
}

/** The connection as the page knows it, re-rendering when it changes. */
export function useConnectivity(store: ConnectivityStore = connectivity()): Connectivity & { offline: boolean } {
  const state = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.get(),
    () => store.get(),
  );
  return { ...state, offline: !state.browserOnline || state.networkFailed };
}
