/**
 * Base of every module's exception. A module declares its own subclass with its own error codes
 * (e.g. `CourseException` with `COURSE_NOT_FOUND`); the single `ProblemDetailsFilter` maps the
 * code to an HTTP status and a translated title, so services never think in HTTP.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    /** Extra members of the problem document, e.g. the failing readiness checks. */
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong to the answer, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

/** One field that failed validation, before translation. */
export interface FieldViolation {
  field: string;
  constraint: string;
  /** class-validator's English message, used when no translation exists. */
  fallback: string;
}

export class ValidationException extends Error {
  constructor(readonly violations: FieldViolation[]) {
    super('validation failed');
  }
}
