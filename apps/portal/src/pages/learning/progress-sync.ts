import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/errors';
import { useApiClient } from '../../api/api-client-context';
import { createLearningApi } from './learning-api';
import { learningKeys } from './learning-common';
import { progressQueue, startProgressSync, type ProgressQueue, type ProgressUpdate } from './progress-queue';

let users = 0;
let stop: (() => void) | null = null;

/**
 * Sends the progress queue through the app's API client while any learning screen (or the header,
 * when updates are waiting) is mounted. Screens add updates with `recordProgress`; the player's
 * data is refreshed once a completion has reached the API (a lesson may unlock).
 */
export function useProgressSync(queue: ProgressQueue = progressQueue()): void {
  const client = useApiClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const api = createLearningApi(client);
    users++;
    stop?.();
    stop = startProgressSync(queue, async (item) => {
      const { id, lessonId, courseId: _courseId, ...body } = item;
      try {
        await api.putProgress(lessonId, body, id);
        if (item.completed || (item.percent ?? 0) >= 90) void queryClient.invalidateQueries({ queryKey: learningKeys.player(item.courseId) });
        void queryClient.invalidateQueries({ queryKey: learningKeys.myLearning(), refetchType: 'active' });
        return { status: 200 };
      } catch (error) {
        return error instanceof ApiError ? { status: error.status } : null;
      }
    });
    return () => {
      users--;
      if (users === 0) {
        stop?.();
        stop = null;
      }
    };
  }, [client, queryClient, queue]);
}

/** Records progress: stored at once (offline or not), sent as soon as it can be. */
export function recordProgress(update: Omit<ProgressUpdate, 'occurredAt'>, queue: ProgressQueue = progressQueue()): void {
  queue.add({ ...update, occurredAt: new Date().toISOString() });
}

export function useProgressQueueState(queue: ProgressQueue = progressQueue()) {
  const subscribe = (listener: () => void) => queue.subscribe(listener);
  const pending = useSyncExternalStore(subscribe, () => queue.pending(), () => queue.pending());
  const failed = useSyncExternalStore(subscribe, () => queue.failed(), () => queue.failed());
  return { pending, failed, dismissFailed: () => queue.dismissFailed() };
}
