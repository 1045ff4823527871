import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { CreateTemplateDto, ReissueResultDto, TemplateDto, TemplatePreviewDto, UpdateTemplateDto } from './credentials-admin.dto';
import { CredentialIdParamsDto } from './credentials.dto';
import { CredentialTemplatesService } from './credential-templates.service';

const NOT_FOUND = { description: 'CREDENTIAL_TEMPLATE_NOT_FOUND (problem+json)' };
const MEDIA_INVALID = {
  description: 'CREDENTIAL_MEDIA_INVALID: a logo or signature that is not an uploaded PNG or JPEG; CREDENTIAL_MEDIA_TOO_LARGE: one over 2 MB (problem+json)',
};

/** Administrators: certificate templates, their PDF preview, and reissuing after a change. */
@ApiTags('credentials-admin')
@Controller('admin/credentials/templates')
@Auth({ can: ['manage', 'Credential'] })
export class CredentialTemplatesController {
  constructor(private readonly templates: CredentialTemplatesService) {}

  @Get()
  @ApiOperation({ operationId: 'listCredentialTemplates', summary: 'Certificate templates, the default first' })
  @ApiOkResponse({ type: [TemplateDto] })
  list(): Promise<TemplateDto[]> {
    return this.templates.list();
  }

  @Post()
  @ApiOperation({ operationId: 'createCredentialTemplate', summary: 'Add a template (the first one becomes the default)' })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiUnprocessableEntityResponse(MEDIA_INVALID)
  create(@Body() dto: CreateTemplateDto, @CurrentUser() user: AuthUser): Promise<TemplateDto> {
    return this.templates.create(user, dto);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiProduces('application/pdf')
  @ApiOperation({ operationId: 'previewCredentialTemplate', summary: 'A PDF of (unsaved) template content with sample data, for the editor' })
  @ApiOkResponse({ description: 'application/pdf', schema: { type: 'string', format: 'binary' } })
  @ApiUnprocessableEntityResponse(MEDIA_INVALID)
  async preview(@Body() dto: TemplatePreviewDto, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const pdf = await this.templates.preview(dto.content, dto.locale);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: 'inline; filename="preview.pdf"' });
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCredentialTemplate', summary: 'One template' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@Param() params: CredentialIdParamsDto): Promise<TemplateDto> {
    return this.templates.get(params.id);
  }

  @Put(':id')
  @ApiOperation({ operationId: 'updateCredentialTemplate', summary: 'Change a template; a change of content is a new version (reissue to apply it to certificates already issued)' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiUnprocessableEntityResponse(MEDIA_INVALID)
  update(@Param() params: CredentialIdParamsDto, @Body() dto: UpdateTemplateDto, @CurrentUser() user: AuthUser): Promise<TemplateDto> {
    return this.templates.update(user, params.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteCredentialTemplate', summary: 'Delete a template never used for a certificate and not the default' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ description: 'CREDENTIAL_TEMPLATE_IS_DEFAULT or CREDENTIAL_TEMPLATE_IN_USE (problem+json)' })
  remove(@Param() params: CredentialIdParamsDto): Promise<void> {
    return this.templates.remove(params.id);
  }

  @Post(':id/reissue')
  @HttpCode(202)
  @ApiOperation({ operationId: 'reissueCredentialTemplate', summary: 'Render every certificate of this template again with its current version (new serials; old ones stay verifiable)' })
  @ApiAcceptedResponse({ type: ReissueResultDto })
  @ApiNotFoundResponse(NOT_FOUND)
  reissue(@Param() params: CredentialIdParamsDto, @CurrentUser() user: AuthUser): Promise<ReissueResultDto> {
    return this.templates.reissue(user, params.id);
  }
}
