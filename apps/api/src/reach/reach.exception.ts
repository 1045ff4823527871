import { DomainException } from '../problem/domain.exception';

/** Error codes of measured reach. Titles in th/en/vi: problem.messages.ts. */
export const REACH_ERROR_STATUS = {
  /** More page-view beacons from one address in a minute than a busy learning centre sends. */
  REACH_TOO_MANY_VISITS: 429,
} as const;

export type ReachErrorCode = keyof typeof REACH_ERROR_STATUS;

export class ReachException extends DomainException<ReachErrorCode> {
  constructor(code: ReachErrorCode, params: Record<string, string | number> = {}, headers: Record<string, string> = {}) {
    super(code, REACH_ERROR_STATUS[code], params, {}, headers);
  }

  static tooManyVisits(retryAfterSeconds: number): ReachException {
    return new ReachException('REACH_TOO_MANY_VISITS', { seconds: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
}
