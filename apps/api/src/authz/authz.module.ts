import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Passport } from 'passport';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthGuard } from './auth.guard';
import { JwtStrategy, PASSPORT } from './jwt.strategy';

/** Authentication (passport, bearer JWT) and authorisation (CASL) for every route, through one global guard. */
@Module({
  imports: [AccountsModule],
  providers: [{ provide: PASSPORT, useFactory: () => new Passport() }, JwtStrategy, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthzModule {}
