import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ConsentsService } from './consents.service';
import { ConsentDto, GiveConsentDto, IdParamsDto } from './privacy.dto';

@ApiTags('me')
@Controller('me/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @Auth({ can: ['read', 'Consent'] })
  @ApiOperation({ operationId: 'listConsents', summary: 'Consents about you and those you gave for your children, newest first' })
  @ApiOkResponse({ type: ConsentDto, isArray: true })
  list(@CurrentUser() user: AuthUser): Promise<ConsentDto[]> {
    return this.consents.list(user);
  }

  @Post()
  @Auth({ can: ['give', 'Consent'] })
  @ApiOperation({ operationId: 'giveConsent', summary: 'Give consent under the current policy version, for yourself or one of your children' })
  @ApiCreatedResponse({ type: ConsentDto })
  @ApiConflictResponse({ description: 'CONSENT_POLICY_OUTDATED (problem+json)' })
  @ApiNotFoundResponse({ description: 'CHILD_NOT_FOUND (problem+json)' })
  give(@CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility, @Body() dto: GiveConsentDto): Promise<ConsentDto> {
    return this.consents.give(ability, user, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ can: ['withdraw', 'Consent'] })
  @ApiOperation({ operationId: 'withdrawConsent', summary: 'Withdraw a consent (the record stays, marked withdrawn)' })
  @ApiNoContentResponse()
  async withdraw(@Param() params: IdParamsDto, @CurrentAbility() ability: AppAbility): Promise<void> {
    await this.consents.withdraw(ability, params.id);
  }
}
