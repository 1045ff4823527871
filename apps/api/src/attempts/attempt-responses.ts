import { type Question, type QuestionResponse, QUESTION_TYPES, responseProblems } from '@baanrian/contracts';

/** One question's problems, as the 422 reports them. */
export interface ResponseIssue {
  questionId: string;
  problems: string[];
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Whether a JSON value has the shape of a QuestionResponse (responseProblems assumes it does). */
export function isResponseShape(value: unknown): value is QuestionResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  if (!(QUESTION_TYPES as readonly unknown[]).includes(r.type)) return false;
  const keys = Object.keys(r).filter((k) => k !== 'type');
  const only = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  switch (r.type) {
    case 'single_choice':
      return only('optionId') && (r.optionId === null || isString(r.optionId));
    case 'multiple_choice':
      return only('optionIds') && isStringArray(r.optionIds) && r.optionIds.length <= 200;
    case 'true_false':
      return only('value') && (r.value === null || typeof r.value === 'boolean');
    case 'short_text':
    case 'numeric':
    case 'essay':
      return only('text') && isString(r.text);
    case 'ordering':
      return only('itemIds') && isStringArray(r.itemIds) && r.itemIds.length <= 200;
    case 'matching': {
      const m = r.matches;
      if (!only('matches') || typeof m !== 'object' || m === null || Array.isArray(m)) return false;
      const values = Object.values(m as Record<string, unknown>);
      return values.length <= 200 && values.every((v) => v === null || isString(v));
    }
    default:
      return false;
  }
}

/**
 * Why the responses cannot be saved in this attempt: a question it did not deliver, a malformed
 * response, or one that cannot belong to its question. Says nothing about correctness.
 */
export function responseIssues(
  responses: Record<string, unknown>,
  delivered: ReadonlySet<string>,
  definitions: ReadonlyMap<string, Question>,
): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  for (const [questionId, response] of Object.entries(responses)) {
    const question = definitions.get(questionId);
    if (!delivered.has(questionId) || !question) issues.push({ questionId, problems: ['not_in_attempt'] });
    else if (!isResponseShape(response)) issues.push({ questionId, problems: ['malformed'] });
    else {
      const problems = responseProblems(question, response);
      if (problems.length > 0) issues.push({ questionId, problems });
    }
  }
  return issues;
}
