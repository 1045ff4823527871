import { DomainException } from '../problem/domain.exception';

/** Error codes of certificates and Open Badges credentials. Titles in th/en/vi: problem.messages.ts. */
export const CREDENTIALS_ERROR_STATUS = {
  /**
   * No credential with this verification code, or not the caller's. Public lookups answer this
   * one body whatever the reason, so a guessed code reveals nothing about what exists.
   */
  CREDENTIAL_NOT_FOUND: 404,
  /** The certificate PDF has not been rendered yet (the worker renders it shortly after issue). */
  CREDENTIAL_PDF_NOT_READY: 404,
  CREDENTIAL_ALREADY_REVOKED: 409,
  CREDENTIAL_TEMPLATE_NOT_FOUND: 404,
  /** The default template is what new certificates use: make another one the default first. */
  CREDENTIAL_TEMPLATE_IS_DEFAULT: 409,
  /** Certificates were rendered with it: their serials must stay verifiable. */
  CREDENTIAL_TEMPLATE_IN_USE: 409,
  /** A logo, signature or issuer image id that is not an uploaded image. */
  CREDENTIAL_MEDIA_INVALID: 422,
  CREDENTIAL_TITLE_RULE_NOT_FOUND: 404,
} as const;

export type CredentialsErrorCode = keyof typeof CREDENTIALS_ERROR_STATUS;

export class CredentialsException extends DomainException<CredentialsErrorCode> {
  constructor(code: CredentialsErrorCode, extensions: Record<string, unknown> = {}) {
    super(code, CREDENTIALS_ERROR_STATUS[code], {}, extensions);
  }
}
