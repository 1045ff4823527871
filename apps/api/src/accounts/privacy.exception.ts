import { DomainException } from '../problem/domain.exception';

/** Error codes of guardians, consent, export and erasure. Titles in th/en/vi: problem.messages.ts. */
export const PRIVACY_ERROR_STATUS = {
  CHILD_NOT_FOUND: 404,
  CHILD_AGE_OUT_OF_RANGE: 400,
  TOO_MANY_CHILDREN: 409,
  CONSENT_REQUIRED: 400,
  CONSENT_POLICY_OUTDATED: 409,
  CONSENT_WITHDRAWN: 403,
  NOT_ACTING: 409,
  LAST_ADMIN: 409,
} as const;

export type PrivacyErrorCode = keyof typeof PRIVACY_ERROR_STATUS;

export class PrivacyException extends DomainException<PrivacyErrorCode> {
  constructor(code: PrivacyErrorCode, params: Record<string, string | number> = {}) {
    super(code, PRIVACY_ERROR_STATUS[code], params);
  }
}
