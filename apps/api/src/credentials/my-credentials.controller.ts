import { Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { CredentialIdParamsDto, MyCredentialDto } from './credentials.dto';
import { ThrottleCredentialLookups } from './credential-lookup.throttle';
import { MyCredentialsService } from './my-credentials.service';

/** The signed-in learner's certificates. */
@ApiTags('credentials')
@Controller('me/credentials')
@Auth()
export class MyCredentialsController {
  constructor(private readonly credentials: MyCredentialsService) {}

  @Get()
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ operationId: 'listMyCredentials', summary: 'My certificates, newest first, with share links and the LinkedIn "Add to profile" link' })
  @ApiOkResponse({ type: [MyCredentialDto] })
  list(@CurrentUser() user: AuthUser): Promise<MyCredentialDto[]> {
    return this.credentials.list(user);
  }

  @Get(':id/certificate.pdf')
  @ThrottleCredentialLookups()
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'downloadMyCertificate', summary: 'The certificate PDF (current template version)' })
  @ApiOkResponse({ description: 'application/pdf', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'CREDENTIAL_NOT_FOUND (not yours or unknown), CREDENTIAL_PDF_NOT_READY (not rendered yet) (problem+json)' })
  async pdf(@Param() params: CredentialIdParamsDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { stream, serial } = await this.credentials.pdf(user, params.id);
    res.type('application/pdf');
    res.attachment(`certificate-${serial}.pdf`);
    return new StreamableFile(stream);
  }
}
