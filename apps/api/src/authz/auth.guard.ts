import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Authenticator } from 'passport';
import { AccountsException } from '../accounts/accounts.exception';
import { defineAbilityFor } from './ability.factory';
import { AUTH_OPTIONS, type AuthOptions } from './auth.decorator';
import type { AuthRequest, AuthUser } from './authz.types';
import { JwtStrategy, PASSPORT } from './jwt.strategy';
import { ensureCan } from './policy';

/**
 * Global guard: authenticates through passport unless the route is `@Auth({ public: true })`,
 * builds the caller's abilities, and checks the route's `can` permission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PASSPORT) private readonly passport: Authenticator,
    // Injected so the strategy is registered on this API's passport instance before any request.
    _strategy: JwtStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.getAllAndOverride<AuthOptions | undefined>(AUTH_OPTIONS, [context.getHandler(), context.getClass()]) ?? {};
    const req = context.switchToHttp().getRequest<AuthRequest>();
    if (!options.public) req.user = await this.authenticate(req, context.switchToHttp().getResponse<Response>());
    req.ability = defineAbilityFor(req.user ?? null);
    if (options.can) ensureCan(req.ability, options.can[0], options.can[1]);
    return true;
  }

  private authenticate(req: AuthRequest, res: Response): Promise<AuthUser> {
    return new Promise((resolve, reject) => {
      const middleware = this.passport.authenticate('jwt', { session: false }, (error: unknown, user: AuthUser | false) => {
        if (error) reject(error);
        else if (!user) reject(new AccountsException('UNAUTHORIZED'));
        else resolve(user);
      });
      middleware(req, res, reject);
    });
  }
}
