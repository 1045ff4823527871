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
  /** A logo, signature or issuer image id that is not an uploaded PNG or JPEG image. */
  CREDENTIAL_MEDIA_INVALID: 422,
  /** An uploaded image larger than a certificate needs (it is embedded in every PDF); `maxMegabytes` in the title. */
  CREDENTIAL_MEDIA_TOO_LARGE: 422,
  CREDENTIAL_TITLE_RULE_NOT_FOUND: 404,
  /** Titles were awarded under it: its achievement URL must keep resolving. Deactivate it instead. */
  CREDENTIAL_TITLE_RULE_IN_USE: 409,
} as const;

export type CredentialsErrorCode = keyof typeof CREDENTIALS_ERROR_STATUS;

export class CredentialsException extends DomainException<CredentialsErrorCode> {
  constructor(code: CredentialsErrorCode, extensions: Record<string, unknown> = {}, params: Record<string, string | number> = {}) {
    super(code, CREDENTIALS_ERROR_STATUS[code], params, extensions);
  }
}
