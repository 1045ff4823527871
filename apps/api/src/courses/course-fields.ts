import type { Locale, LocalizedText } from '@baanrian/contracts';
import type { CourseEntity } from '@baanrian/db';
import { randomBytes } from 'node:crypto';
import { type FieldViolation, ValidationException } from '../problem/domain.exception';
import { cleanMarkdown } from './markdown.renderer';

type TextInput = Partial<Record<Locale, string>>;

/** Cleans every language given (raw HTML out, NFC, no control characters); empty ones are dropped. */
export function cleanLocalized(input: TextInput | undefined): LocalizedText | undefined {
  if (!input) return undefined;
  const out: Partial<Record<Locale, string>> = {};
  for (const [locale, text] of Object.entries(input) as [Locale, string | undefined][]) {
    const clean = text === undefined ? '' : cleanMarkdown(text);
    if (clean) out[locale] = clean;
  }
  // Stored "as given": `th` is the type's required key, but an English-only course has no Thai.
  return out as LocalizedText;
}

/**
 * Checks what only the whole course can tell: a title in the language it is taught in, and dates
 * in order (ends ≥ starts, enrolment closes after it opens and not after the course ends).
 * Problems are 400 VALIDATION_FAILED naming the field, like any DTO error.
 */
export function checkCourse(course: Pick<CourseEntity, 'title' | 'language' | 'startsAt' | 'endsAt' | 'enrollmentOpensAt' | 'enrollmentClosesAt'>): void {
  const violations: FieldViolation[] = [];
  const title = (course.title as Partial<Record<Locale, string>>)[course.language];
  if (!title?.trim()) violations.push({ field: `title.${course.language}`, constraint: 'courseLanguageText', fallback: 'is required in the course language' });
  const { startsAt, endsAt, enrollmentOpensAt: opens, enrollmentClosesAt: closes } = course;
  if (startsAt && endsAt && endsAt < startsAt) violations.push({ field: 'endsAt', constraint: 'notBeforeStart', fallback: 'must not be before the start' });
  if (opens && closes && closes < opens) violations.push({ field: 'enrollmentClosesAt', constraint: 'notBeforeOpening', fallback: 'must not be before enrollment opens' });
  if (closes && endsAt && closes > endsAt) violations.push({ field: 'enrollmentClosesAt', constraint: 'notAfterEnd', fallback: 'must not be after the course ends' });
  if (violations.length) throw new ValidationException(violations);
}

/** A readable slug from the title (Latin letters only; Thai titles fall back to `course`), with a random suffix. */
export function slugFromTitle(title: LocalizedText, language: Locale): string {
  const source = (title as Partial<Record<Locale, string>>).en ?? (title as Partial<Record<Locale, string>>)[language] ?? '';
  const base = source
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'course'}-${randomBytes(3).toString('hex')}`;
}

export const toDate = (value: string | null | undefined): Date | null | undefined => (value === undefined ? undefined : value === null ? null : new Date(value));
