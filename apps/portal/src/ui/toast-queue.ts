import { UNSTABLE_ToastQueue as ToastQueue } from 'react-aria-components';

export interface ToastMessage {
  title: string;
  description?: string;
  variant?: 'info' | 'success' | 'error';
}

/** One queue for the whole app; any code can show a toast without a React context. */
export const toastQueue = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 });

/**
 * Shows a short confirmation. Auto-dismisses after 8 s (long enough to read twice at a slow
 * pace); errors stay until closed, because they may need action.
 */
export function showToast(message: ToastMessage): string {
  return toastQueue.add(message, message.variant === 'error' ? {} : { timeout: 8000 });
}
