import { Module } from '@nestjs/common';
import { AccessTokenService } from './access-token.service';
import { AdminUsersController, AuditController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AuditService } from './audit.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { PasswordService } from './password.service';
import { ProfileService } from './profile.service';
import { RateLimitService } from './rate-limit.service';
import { RefreshTokenService } from './refresh-token.service';
import { SessionService } from './session.service';
import { SetupController } from './setup.controller';
import { SetupService } from './setup.service';

/** Accounts, sessions, first-run setup and user administration (issue 5, wave 1). */
@Module({
  controllers: [AuthController, MeController, SetupController, AdminUsersController, AuditController],
  providers: [
    AccessTokenService,
    AdminUsersService,
    AuditService,
    AuthService,
    PasswordService,
    ProfileService,
    RateLimitService,
    RefreshTokenService,
    SessionService,
    SetupService,
  ],
  exports: [AccessTokenService, RateLimitService],
})
export class AccountsModule {}
