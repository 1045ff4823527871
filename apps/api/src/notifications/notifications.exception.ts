import { DomainException } from '../problem/domain.exception';

/** Error codes of the notification list. Titles in th/en/vi: problem.messages.ts. */
export const NOTIFICATIONS_ERROR_STATUS = {
  NOTIFICATION_NOT_FOUND: 404,
  NOTIFICATIONS_CURSOR_INVALID: 400,
} as const;

export type NotificationsErrorCode = keyof typeof NOTIFICATIONS_ERROR_STATUS;

export class NotificationsException extends DomainException<NotificationsErrorCode> {
  constructor(code: NotificationsErrorCode) {
    super(code, NOTIFICATIONS_ERROR_STATUS[code]);
  }
}
