import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../authz/auth.decorator';
import { CredentialCodeParamsDto, CredentialIdParamsDto, CredentialVerificationDto, IssuerProfileDocumentDto, JwksDto } from './credentials.dto';
import { CredentialIssuerService } from './credential-issuer.service';
import { ThrottleCredentialLookups } from './credential-lookup.throttle';
import { CredentialStatusListService } from './credential-status-list.service';
import { CredentialTitleRulesService } from './credential-title-rules.service';
import { CredentialVerificationService } from './credential-verification.service';

const NOT_FOUND = { description: 'CREDENTIAL_NOT_FOUND: the same answer for every unknown or malformed code (problem+json)' };
const JSON_LD = 'application/ld+json';

/** Anyone (an employer, a school) checks a certificate with its code; no sign-in, nothing beyond these fields. */
@ApiTags('credentials')
@Controller('credentials')
@Auth({ public: true })
export class CredentialsPublicController {
  constructor(
    private readonly verification: CredentialVerificationService,
    private readonly statusList: CredentialStatusListService,
    private readonly issuer: CredentialIssuerService,
    private readonly titleRules: CredentialTitleRulesService,
  ) {}

  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getCredentialJwks', summary: 'The issuer\'s public keys (JWK Set), retired keys included, for VC-JWT verifiers' })
  @ApiOkResponse({ type: JwksDto })
  jwks(): Promise<JwksDto> {
    return this.verification.jwks();
  }

  @Get('issuer')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ operationId: 'getCredentialIssuer', summary: 'The issuer as an Open Badges 3.0 Profile' })
  @ApiOkResponse({ type: IssuerProfileDocumentDto })
  issuerProfile(): Promise<IssuerProfileDocumentDto> {
    return this.issuer.document();
  }

  @Get('status/1')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiProduces(JSON_LD)
  @ApiOperation({ operationId: 'getCredentialStatusList', summary: 'The signed BitstringStatusListCredential: a set bit is a revoked credential' })
  @ApiOkResponse({ description: 'BitstringStatusListCredential (JSON-LD, Data Integrity proof)', schema: { type: 'object' } })
  async status(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    res.type(JSON_LD);
    return this.statusList.document();
  }

  @Get('titles/:id')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiProduces(JSON_LD)
  @ApiOperation({ operationId: 'getTitleAchievement', summary: 'A yearly title (learning citizen) as an Open Badges 3.0 Achievement: the id its credentials name' })
  @ApiOkResponse({ description: 'Achievement (JSON-LD): name, description, criteria of the rule, creator', schema: { type: 'object' } })
  @ApiNotFoundResponse({ description: 'CREDENTIAL_TITLE_RULE_NOT_FOUND (problem+json)' })
  async titleAchievement(@Param() params: CredentialIdParamsDto, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const achievement = await this.titleRules.achievement(params.id);
    res.type(JSON_LD);
    return achievement;
  }

  @Get(':code/verification')
  @ThrottleCredentialLookups()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'verifyCredential', summary: 'Check a certificate: valid, revoked (with the date) or invalid (altered); the signature is checked on each call' })
  @ApiOkResponse({ type: CredentialVerificationDto })
  @ApiNotFoundResponse(NOT_FOUND)
  verify(@Param() params: CredentialCodeParamsDto): Promise<CredentialVerificationDto> {
    return this.verification.verification(params.code);
  }

  @Get(':code/credential.json')
  @ThrottleCredentialLookups()
  @ApiProduces(JSON_LD)
  @ApiOperation({ operationId: 'getCredentialDocument', summary: 'The signed Open Badges 3.0 credential (Data Integrity eddsa-rdfc-2022)' })
  @ApiOkResponse({ description: 'OpenBadgeCredential (JSON-LD)', schema: { type: 'object' } })
  @ApiNotFoundResponse(NOT_FOUND)
  async document(@Param() params: CredentialCodeParamsDto, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const document = await this.verification.document(params.code);
    // attachment() sets the type from the file name: JSON-LD must come after it.
    res.attachment(`credential-${params.code.toUpperCase()}.json`);
    res.type(JSON_LD);
    return document;
  }

  @Get(':code/credential.jwt')
  @ThrottleCredentialLookups()
  @ApiProduces('application/vc+jwt')
  @ApiOperation({ operationId: 'getCredentialJwt', summary: 'The same credential as a VC-JWT (EdDSA), for verifiers that prefer JOSE' })
  @ApiOkResponse({ description: 'Compact JWS', schema: { type: 'string' } })
  @ApiNotFoundResponse(NOT_FOUND)
  async jwt(@Param() params: CredentialCodeParamsDto, @Res() res: Response): Promise<void> {
    const jwt = await this.verification.jwt(params.code);
    res.type('application/vc+jwt').send(jwt);
  }
}

/** `did:web` resolution: `did:web:<host>` resolves to this document (outside the /api/v1 prefix). */
@ApiTags('credentials')
@Controller('.well-known')
@Auth({ public: true })
export class DidDocumentController {
  constructor(private readonly verification: CredentialVerificationService) {}

  @Get('did.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiProduces('application/did+json')
  @ApiOperation({ operationId: 'getDidDocument', summary: 'The issuer\'s DID document: every key (old ones stay) as Multikey assertion methods' })
  @ApiOkResponse({ description: 'DID document', schema: { type: 'object' } })
  async did(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    res.type('application/did+json');
    return this.verification.didDocument();
  }
}
