import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MediaModule } from '../media/media.module';
import { CredentialIssuerService } from './credential-issuer.service';
import { CredentialKeysService } from './credential-keys.service';
import { CredentialLookupThrottle } from './credential-lookup.throttle';
import { CredentialMedia } from './credential-media';
import { CredentialStatusListService } from './credential-status-list.service';
import { CredentialTemplatesController } from './credential-templates.controller';
import { CredentialTemplatesService } from './credential-templates.service';
import { CredentialTitleRulesController } from './credential-title-rules.controller';
import { CredentialTitleRulesService } from './credential-title-rules.service';
import { CredentialVerificationService } from './credential-verification.service';
import { CredentialsAdminController } from './credentials-admin.controller';
import { CredentialsAdminService } from './credentials-admin.service';
import { CredentialsPublicController, DidDocumentController } from './credentials-public.controller';
import { MyCredentialsController } from './my-credentials.controller';
import { MyCredentialsService } from './my-credentials.service';

/** Certificates and Open Badges 3.0 (issue 9): public verification, the learner's list, administration. The worker issues. */
@Module({
  imports: [AccountsModule, MediaModule],
  controllers: [CredentialsPublicController, DidDocumentController, MyCredentialsController, CredentialsAdminController, CredentialTemplatesController, CredentialTitleRulesController],
  providers: [
    CredentialIssuerService,
    CredentialKeysService,
    CredentialLookupThrottle,
    CredentialMedia,
    CredentialStatusListService,
    CredentialTemplatesService,
    CredentialTitleRulesService,
    CredentialVerificationService,
    CredentialsAdminService,
    MyCredentialsService,
  ],
})
export class CredentialsModule {}
