import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AccountsException } from '../accounts/accounts.exception';
import type { AppAbility, AppAction, AppSubjectType, AuthRequest, AuthUser } from './authz.types';

export const AUTH_OPTIONS = 'baanrian:auth';

export interface AuthOptions {
  /** Anyone may call it, signed in or not. */
  public?: boolean;
  /** A type-level permission checked before the handler runs, e.g. `['list', 'User']`. */
  can?: [AppAction, AppSubjectType];
}

/**
 * The one way to say who may call an endpoint. Without it a route requires a signed-in user
 * (the guard's default), so forgetting it never opens anything.
 */
export function Auth(options: AuthOptions = {}): MethodDecorator & ClassDecorator {
  const decorators: (MethodDecorator & ClassDecorator)[] = [SetMetadata(AUTH_OPTIONS, options)];
  if (!options.public) {
    decorators.push(ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Not signed in, or the access token is invalid or expired (problem+json)' }));
  }
  if (options.can) decorators.push(ApiForbiddenResponse({ description: `Requires permission to ${options.can.join(' ')} (problem+json)` }));
  return applyDecorators(...decorators);
}

/** The signed-in user of an `@Auth()` route. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthRequest>().user;
  if (!user) throw new AccountsException('UNAUTHORIZED');
  return user;
});

/** The caller's abilities, for object-level checks with `ensureCan`. */
export const CurrentAbility = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AppAbility => context.switchToHttp().getRequest<AuthRequest>().ability,
);
