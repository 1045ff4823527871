import { AccountsException } from '../accounts/accounts.exception';
import type { DomainException } from '../problem/domain.exception';
import type { AppAbility, AppAction, AppSubject } from './authz.types';

/**
 * The single authorisation check: the guard calls it with a subject type (from `@Auth({ can })`),
 * services with a loaded object (e.g. `asUser(target)`). Refusals are 403 FORBIDDEN.
 */
export function ensureCan(ability: AppAbility, action: AppAction, subject: AppSubject): void {
  if (!ability.can(action, subject)) throw new AccountsException('FORBIDDEN');
}

/**
 * The answer for an id that names nothing (never existed, or deleted for good). `probe` is an
 * object of that kind belonging to nobody: a caller whose rights would reach it (an administrator)
 * learns the object is not there (`notFound`); anyone else gets exactly the 403 they get for
 * someone else's object, so trying ids tells them nothing about what exists (ASVS 8.2.2).
 */
export function missingObject(ability: AppAbility, action: AppAction, probe: AppSubject, notFound: DomainException): DomainException {
  return ability.can(action, probe) ? notFound : new AccountsException('FORBIDDEN');
}
