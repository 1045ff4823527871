export const COURSE_FORMATS = ['self_paced', 'online_class', 'onsite_workshop', 'blended'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
