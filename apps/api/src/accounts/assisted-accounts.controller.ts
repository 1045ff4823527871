import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { SessionDto } from './account.dto';
import { UserIdParamsDto } from './admin.dto';
import {
  AssistedAccountDto,
  AssistedAccountPageDto,
  CompleteCardDto,
  CreateAssistedAccountDto,
  IssueCardDto,
  ListAssistedAccountsQueryDto,
  RedeemCardDto,
  SetupTokenDto,
} from './assisted.dto';
import { AssistedAccountsService } from './assisted-accounts.service';
import { clientIp } from './auth.controller';
import { CardSignInService } from './card-sign-in.service';
import { setRefreshCookie } from './session-cookie';

const CARD_INVALID = { description: 'CARD_INVALID: wrong, unknown, expired, replaced or used card, all alike (problem+json)' };

@ApiTags('assisted-accounts')
@Controller()
export class AssistedAccountsController {
  constructor(private readonly assisted: AssistedAccountsService) {}

  @Post('assisted-accounts')
  @Header('Cache-Control', 'no-store')
  @Auth({ can: ['create', 'AssistedAccount'] })
  @ApiOperation({
    operationId: 'createAssistedAccount',
    summary: 'Create a learner account without email or password, and its printable sign-in card (instructors and administrators; audited)',
  })
  @ApiCreatedResponse({ type: AssistedAccountDto, description: 'The one-time code is in this response only' })
  create(@Body() dto: CreateAssistedAccountDto, @CurrentUser() actor: AuthUser): Promise<AssistedAccountDto> {
    return this.assisted.create(actor, dto);
  }

  @Get('assisted-accounts')
  @Auth({ can: ['read', 'AssistedAccount'] })
  @ApiOperation({
    operationId: 'listAssistedAccounts',
    summary: 'Assisted accounts, newest first: those the instructor created, or all for administrators',
  })
  @ApiOkResponse({ type: AssistedAccountPageDto })
  list(@Query() query: ListAssistedAccountsQueryDto, @CurrentAbility() ability: AppAbility): Promise<AssistedAccountPageDto> {
    return this.assisted.list(ability, query);
  }

  @Post('admin/users/:id/card')
  @Header('Cache-Control', 'no-store')
  @Auth({ can: ['issueCard', 'AssistedAccount'] })
  @ApiOperation({
    operationId: 'issueSignInCard',
    summary: 'Print a new sign-in card for an assisted account, replacing its previous card (its creator or an administrator; audited)',
  })
  @ApiCreatedResponse({ type: AssistedAccountDto })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'NOT_ASSISTED_ACCOUNT, or CARD_SECRET_SET without resetSecret (problem+json)' })
  issueCard(
    @Param() params: UserIdParamsDto,
    @Body() dto: IssueCardDto,
    @CurrentUser() actor: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<AssistedAccountDto> {
    return this.assisted.issueCard(ability, actor, params.id, dto);
  }
}

@ApiTags('auth')
@Controller('auth/card')
@Auth({ public: true })
export class CardSignInController {
  constructor(
    private readonly cards: CardSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'redeemSignInCard', summary: 'Exchange the codes on a sign-in card for a short-lived setup token' })
  @ApiOkResponse({ type: SetupTokenDto })
  @ApiBadRequestResponse(CARD_INVALID)
  @ApiTooManyRequestsResponse({ description: 'Too many attempts: wait for Retry-After seconds (problem+json)' })
  redeem(@Body() dto: RedeemCardDto, @Req() req: Request): Promise<SetupTokenDto> {
    return this.cards.redeem(dto, clientIp(req));
  }

  @Post('complete')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'completeSignInCard', summary: 'Choose a PIN or password with a setup token and sign in; the card stops working' })
  @ApiOkResponse({ type: SessionDto, description: 'Signed in; the refresh cookie is set' })
  @ApiBadRequestResponse(CARD_INVALID)
  async complete(@Body() dto: CompleteCardDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { session, refresh } = await this.cards.complete(dto);
    setRefreshCookie(res, this.config, refresh);
    return session;
  }
}
