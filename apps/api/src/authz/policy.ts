import { AccountsException } from '../accounts/accounts.exception';
import type { AppAbility, AppAction, AppSubject } from './authz.types';

/**
 * The single authorisation check: the guard calls it with a subject type (from `@Auth({ can })`),
 * services with a loaded object (e.g. `asUser(target)`). Refusals are 403 FORBIDDEN.
 */
export function ensureCan(ability: AppAbility, action: AppAction, subject: AppSubject): void {
  if (!ability.can(action, subject)) throw new AccountsException('FORBIDDEN');
}
