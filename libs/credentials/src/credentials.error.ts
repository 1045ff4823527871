/** Error codes of the credentials library; callers map them to their module exception. */
export type CredentialErrorCode =
  | 'CONTEXT_NOT_BUNDLED'
  | 'KEY_SEAL_INVALID'
  | 'KEY_INVALID'
  | 'STATUS_INDEX_OUT_OF_RANGE'
  | 'STATUS_LIST_INVALID'
  | 'MULTIBASE_INVALID';

export class CredentialError extends Error {
  constructor(
    readonly code: CredentialErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialError';
  }
}
