import { DomainException } from '../problem/domain.exception';

/** Error codes of accounts, sessions and authorisation. Titles in th/en/vi: problem.messages.ts. */
export const ACCOUNTS_ERROR_STATUS = {
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  SESSION_REVOKED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  USER_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  SETUP_DONE: 409,
  SELF_LOCKOUT: 409,
  STAFF_NOT_REQUESTED: 409,
  TOO_MANY_REQUESTS: 429,
} as const;

export type AccountsErrorCode = keyof typeof ACCOUNTS_ERROR_STATUS;

export class AccountsException extends DomainException<AccountsErrorCode> {
  constructor(code: AccountsErrorCode, options: { params?: Record<string, string | number>; headers?: Record<string, string> } = {}) {
    super(code, ACCOUNTS_ERROR_STATUS[code], options.params ?? {}, {}, options.headers ?? {});
  }

  /** 429 with the wait in seconds, as a header (for clients) and in the title (for people). */
  static tooManyRequests(retryAfterSeconds: number): AccountsException {
    return new AccountsException('TOO_MANY_REQUESTS', {
      params: { seconds: retryAfterSeconds },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
  }
}
