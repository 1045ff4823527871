import type { OidcFailureReason } from '@baanrian/contracts';

export type { OidcFailureReason } from '@baanrian/contracts';

/**
 * Why an OpenID Connect sign-in did not complete. The reason (OIDC_FAILURE_REASONS in
 * libs/contracts) goes to the portal in the final redirect; the detail goes to the log only.
 * Neither ever carries claims: a national ID number must never reach a log.
 */
export class OidcFailure extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    /** For the log: what went wrong, never personal data. */
    readonly detail: string = reason,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'OidcFailure';
  }
}
