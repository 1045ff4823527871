import { Module } from '@nestjs/common';
import { AccessTokenService } from './access-token.service';
import { AccountDataController } from './account-data.controller';
import { AccountDataService } from './account-data.service';
import { AdminUsersController, AuditController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { AssistedAccountsController, CardSignInController } from './assisted-accounts.controller';
import { AssistedAccountsService } from './assisted-accounts.service';
import { AuditService } from './audit.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ChildrenController, SwitchBackController } from './children.controller';
import { ChildrenService } from './children.service';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';
import { CardSignInService } from './card-sign-in.service';
import { MeController } from './me.controller';
import { NationalIdHasher } from './oidc/national-id';
import { OidcAccountsService } from './oidc/oidc-accounts.service';
import { OidcFlowStore } from './oidc/oidc-flow.store';
import { OidcIssuerService } from './oidc/oidc-issuer.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';
import { PasswordService } from './password.service';
import { ProfileService } from './profile.service';
import { RateLimitService } from './rate-limit.service';
import { RefreshTokenService } from './refresh-token.service';
import { SessionService } from './session.service';
import { SetupController } from './setup.controller';
import { SetupService } from './setup.service';
import { SignInCardCodes } from './sign-in-card.codes';

/** Accounts, sessions, first-run setup and user administration (issue 5, wave 1). */
@Module({
  controllers: [
    AuthController,
    MeController,
    SetupController,
    AdminUsersController,
    AuditController,
    // Guardians, consent, export and erasure (wave 2)
    ChildrenController,
    SwitchBackController,
    ConsentsController,
    AccountDataController,
    OidcController,
    PasswordResetController,
    // Assisted sign-up: accounts without email, printed sign-in cards
    AssistedAccountsController,
    CardSignInController,
  ],
  providers: [
    AccessTokenService,
    AccountDataService,
    AdminUsersService,
    AssistedAccountsService,
    AuditService,
    AuthService,
    NationalIdHasher,
    OidcAccountsService,
    OidcFlowStore,
    OidcIssuerService,
    OidcService,
    PasswordResetService,
    ChildrenService,
    ConsentsService,
    CardSignInService,
    PasswordService,
    ProfileService,
    RateLimitService,
    RefreshTokenService,
    SessionService,
    SetupService,
    SignInCardCodes,
  ],
  // Assisted accounts, card codes and PIN checks: walk-ins and their claims (attendance module).
  exports: [AccessTokenService, RateLimitService, AssistedAccountsService, SignInCardCodes, PasswordService],
})
export class AccountsModule {}
