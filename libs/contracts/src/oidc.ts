/**
 * Why a sign-in with a digital ID (OpenID Connect) did not complete: the `reason` of the API's
 * final redirect `/sign-in?oidc=error&reason=…`, for which the portal shows a message.
 */
export const OIDC_FAILURE_REASONS = [
  /** OIDC is not configured on this server. */
  'disabled',
  /** Too many failed or abandoned attempts from this address: try again later. */
  'too_many_requests',
  /** The provider could not be reached, or its discovery document is unusable. */
  'provider_unavailable',
  /** No sign-in was started in this browser, it expired (10 minutes), was already used, or `state` differs. */
  'state_mismatch',
  /** The person cancelled at the provider. */
  'access_denied',
  /** The provider answered with another error. */
  'provider_error',
  /** The code was refused: expired, already used, or the PKCE verifier does not match. */
  'invalid_grant',
  /** The ID token's nonce is not the one this browser's sign-in sent. */
  'nonce_mismatch',
  /** The ID token failed validation (signature, issuer, audience, expiry) or lacks a subject. */
  'id_token_invalid',
  /** The account the provider identity belongs to is disabled. */
  'account_disabled',
  /** The identity conflicts with another account (e.g. a different national ID already linked). */
  'identity_conflict',
  /** Anything else; details in the server log. */
  'internal',
] as const;

export type OidcFailureReason = (typeof OIDC_FAILURE_REASONS)[number];
