import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { AwardRequestedDto, CreateTitleRuleDto, TitleRuleDto, UpdateTitleRuleDto } from './credentials-admin.dto';
import { CredentialIdParamsDto } from './credentials.dto';
import { CredentialTitleRulesService } from './credential-title-rules.service';

const NOT_FOUND = { description: 'CREDENTIAL_TITLE_RULE_NOT_FOUND (problem+json)' };

/** Administrators: the rules of yearly titles, and awarding them on demand. */
@ApiTags('credentials-admin')
@Controller('admin/credentials/title-rules')
@Auth({ can: ['manage', 'Credential'] })
export class CredentialTitleRulesController {
  constructor(private readonly rules: CredentialTitleRulesService) {}

  @Get()
  @ApiOperation({ operationId: 'listTitleRules', summary: 'Title rules, newest fiscal year first' })
  @ApiOkResponse({ type: [TitleRuleDto] })
  list(): Promise<TitleRuleDto[]> {
    return this.rules.list();
  }

  @Post()
  @ApiOperation({ operationId: 'createTitleRule', summary: 'Add a title rule for a fiscal year' })
  @ApiCreatedResponse({ type: TitleRuleDto })
  create(@Body() dto: CreateTitleRuleDto, @CurrentUser() user: AuthUser): Promise<TitleRuleDto> {
    return this.rules.create(user, dto);
  }

  @Put(':id')
  @ApiOperation({ operationId: 'updateTitleRule', summary: 'Change a title rule (titles already awarded stay)' })
  @ApiOkResponse({ type: TitleRuleDto })
  @ApiNotFoundResponse(NOT_FOUND)
  update(@Param() params: CredentialIdParamsDto, @Body() dto: UpdateTitleRuleDto): Promise<TitleRuleDto> {
    return this.rules.update(params.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteTitleRule', summary: 'Delete a title rule under which nobody was awarded (otherwise deactivate it)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ description: 'CREDENTIAL_TITLE_RULE_IN_USE: titles were awarded under it (problem+json)' })
  remove(@Param() params: CredentialIdParamsDto): Promise<void> {
    return this.rules.remove(params.id);
  }

  @Post(':id/award')
  @HttpCode(202)
  @ApiOperation({ operationId: 'awardTitleRule', summary: 'Award this title now to everyone who meets the rule (the worker does it)' })
  @ApiAcceptedResponse({ type: AwardRequestedDto })
  @ApiNotFoundResponse(NOT_FOUND)
  award(@Param() params: CredentialIdParamsDto): Promise<AwardRequestedDto> {
    return this.rules.award(params.id);
  }
}
