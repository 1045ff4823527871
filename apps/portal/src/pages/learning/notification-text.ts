import type { TFunction } from 'i18next';
import type { Locale } from '@baanrian/contracts';
import { formatDate } from '../../i18n/format';
import { formatTime } from '../catalog/format-time';
import type { NotificationDto } from './learning-api';
import { playerHref, titleText } from './learning-common';

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const text = (value: unknown, locale: Locale): string | null => {
  if (typeof value === 'string') return value || null;
  if (value && typeof value === 'object') return titleText(value as Partial<Record<Locale, string>>, locale).text || null;
  return null;
};

export const KNOWN_TYPES = ['waitlist.promoted', 'session.reminder-day', 'session.reminder-hour', 'enrollment.completed', 'report.export-ready'] as const;

/**
 * A notification in the reader's language, built from its `data` (ids and titles, stored when it
 * was written) rather than from text stored in one language. Unknown types get a neutral line.
 */
export function notificationText(
  notification: NotificationDto,
  t: TFunction<'learning'>,
  locale: Locale,
): { text: string; href: string | null } {
  const data = notification.data ?? {};
  const course = text(data.courseTitle ?? data.title, locale) ?? t('notifications.aCourse');
  const session = text(data.lessonTitle ?? data.sessionTitle, locale) ?? t('notifications.aSession');
  const startsAt = str(data.startsAt);
  const courseId = str(data.courseId);
  const when = startsAt ? `${formatDate(startsAt, locale)} ${formatTime(startsAt, locale)}` : '';
  const href = courseId ? playerHref(courseId, str(data.lessonId)) : null;
  switch (notification.type) {
    case 'waitlist.promoted':
      return { text: t('notifications.type.waitlistPromoted', { course }), href };
    case 'session.reminder-day':
      return { text: when ? t('notifications.type.reminderDay', { session, course, when }) : t('notifications.type.reminderDayNoTime', { session, course }), href };
    case 'session.reminder-hour':
      return { text: when ? t('notifications.type.reminderHour', { session, course, when }) : t('notifications.type.reminderHourNoTime', { session, course }), href };
    case 'enrollment.completed':
      return { text: t('notifications.type.completed', { course }), href };
    case 'report.export-ready':
      // The builder's export list holds the download (the file needs the requester's session).
      return { text: t('notifications.type.exportReady', { fileName: str(data.fileName) ?? '' }), href: '/admin/reports/builder' };
    default:
      return { text: t('notifications.type.other'), href };
  }
}
