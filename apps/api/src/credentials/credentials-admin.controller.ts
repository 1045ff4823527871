import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import {
  AdminCredentialDto,
  CredentialListDto,
  IssuerKeyDto,
  IssuerProfileDto,
  ListCredentialsQueryDto,
  ReconciliationDto,
  RevokeCredentialDto,
  UpdateIssuerProfileDto,
} from './credentials-admin.dto';
import { CredentialIdParamsDto } from './credentials.dto';
import { CredentialIssuerService } from './credential-issuer.service';
import { CredentialKeysService } from './credential-keys.service';
import { CredentialsAdminService } from './credentials-admin.service';

/** Administrators: issued credentials (search, revoke), the issuer profile and the signing keys. */
@ApiTags('credentials-admin')
@Controller('admin/credentials')
@Auth({ can: ['manage', 'Credential'] })
export class CredentialsAdminController {
  constructor(
    private readonly credentials: CredentialsAdminService,
    private readonly issuer: CredentialIssuerService,
    private readonly keys: CredentialKeysService,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listCredentials', summary: 'Issued credentials, newest first; search by learner, achievement, code or serial' })
  @ApiOkResponse({ type: CredentialListDto })
  list(@Query() query: ListCredentialsQueryDto): Promise<CredentialListDto> {
    return this.credentials.list(query);
  }

  @Get('reconciliation')
  @ApiOperation({ operationId: 'getCredentialReconciliation', summary: 'The latest nightly reconciliation: what was missing (eligible minus issued) and fixed' })
  @ApiOkResponse({ type: ReconciliationDto })
  reconciliation(): Promise<ReconciliationDto> {
    return this.credentials.lastReconciliation();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeCredential', summary: 'Revoke for good, with a reason: its status list bit is set and verification says revoked' })
  @ApiOkResponse({ type: AdminCredentialDto })
  @ApiNotFoundResponse({ description: 'CREDENTIAL_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'CREDENTIAL_ALREADY_REVOKED (problem+json)' })
  revoke(@Param() params: CredentialIdParamsDto, @Body() dto: RevokeCredentialDto, @CurrentUser() user: AuthUser): Promise<AdminCredentialDto> {
    return this.credentials.revoke(user, params.id, dto);
  }

  @Get('issuer')
  @ApiOperation({ operationId: 'getIssuerProfile', summary: 'The issuer profile credentials are signed with' })
  @ApiOkResponse({ type: IssuerProfileDto })
  getIssuer(): Promise<IssuerProfileDto> {
    return this.issuer.get();
  }

  @Put('issuer')
  @ApiOperation({ operationId: 'updateIssuerProfile', summary: 'Change the issuer profile (applies to credentials issued from now on)' })
  @ApiOkResponse({ type: IssuerProfileDto })
  @ApiUnprocessableEntityResponse({ description: 'CREDENTIAL_MEDIA_INVALID: not an uploaded PNG or JPEG; CREDENTIAL_MEDIA_TOO_LARGE: over 2 MB (problem+json)' })
  updateIssuer(@Body() dto: UpdateIssuerProfileDto): Promise<IssuerProfileDto> {
    return this.issuer.update(dto);
  }

  @Get('keys')
  @ApiOperation({ operationId: 'listIssuerKeys', summary: 'The signing keys, the active one and retired ones' })
  @ApiOkResponse({ type: [IssuerKeyDto] })
  listKeys(): Promise<IssuerKeyDto[]> {
    return this.keys.list();
  }

  @Post('keys/rotate')
  @HttpCode(200)
  @ApiOperation({ operationId: 'rotateIssuerKey', summary: 'Retire the active key and make a new one; credentials signed before still verify' })
  @ApiOkResponse({ type: IssuerKeyDto, description: 'The new active key' })
  rotate(): Promise<IssuerKeyDto> {
    return this.keys.rotate();
  }
}
