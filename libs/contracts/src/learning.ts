/**
 * Enrolment, attendance and progress vocabulary (issue 7). Stored in the database and used in
 * reports: values never change once released.
 */

/** `active` and `completed` hold a seat; `waitlisted` waits for one; `withdrawn` gave it back. */
export const ENROLLMENT_STATUSES = ['active', 'waitlisted', 'withdrawn', 'completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** How the learner takes part: reports count online and onsite participants separately. */
export const ENROLLMENT_CHANNELS = ['online', 'onsite'] as const;
export type EnrollmentChannel = (typeof ENROLLMENT_CHANNELS)[number];

/** Who created the enrolment: the learner, their guardian, a bulk file, or an instructor at the door. */
export const ENROLLMENT_SOURCES = ['self', 'guardian', 'bulk', 'walk_in'] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

export const ATTENDANCE_STATUSES = ['present', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** How attendance was recorded: an instructor's roster, a QR scan, joining a live session, or a walk-in. */
export const ATTENDANCE_METHODS = ['roster', 'qr', 'join', 'walk_in'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/** A lesson without a progress row is not started. */
export const LESSON_PROGRESS_STATUSES = ['in_progress', 'completed'] as const;
export type LessonProgressStatus = (typeof LESSON_PROGRESS_STATUSES)[number];

/** A video counts as watched at this share of its length. */
export const VIDEO_COMPLETION_PERCENT = 90;

export const NOTIFICATION_TYPES = [
  'waitlist.promoted',
  'session.reminder-day',
  'session.reminder-hour',
  'enrollment.completed',
  // A large report export is ready to download (issue 10); data: ReportExportReadyData.
  'report.export-ready',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
