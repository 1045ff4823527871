import type { Locale } from '@baanrian/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { RequestLocale } from './request-locale';
import { CreateReachCampaignDto, ListReachCampaignsQueryDto, ReachCampaignDto, ReachCampaignIdParamsDto, UpdateReachCampaignDto } from './report-admin.dto';
import { ReachCampaignsService } from './reach-campaigns.service';

const NOT_FOUND = { description: 'REACH_CAMPAIGN_NOT_FOUND (problem+json)' };
const NO_COURSE = { description: 'REACH_CAMPAIGN_COURSE_NOT_FOUND (problem+json)' };

/** Administrators: reach recorded from social-media campaigns (reports show it beside measured reach). */
@ApiTags('reports')
@Controller('reports/reach-campaigns')
@Auth({ can: ['manage', 'Report'] })
export class ReachCampaignsController {
  constructor(private readonly campaigns: ReachCampaignsService) {}

  @Get()
  @ApiOperation({ operationId: 'listReachCampaigns', summary: 'Recorded campaigns, latest start first; optionally those starting in a period' })
  @ApiOkResponse({ type: [ReachCampaignDto] })
  list(@Query() query: ListReachCampaignsQueryDto, @RequestLocale() locale: Locale): Promise<ReachCampaignDto[]> {
    return this.campaigns.list(query.period, locale);
  }

  @Post()
  @ApiOperation({ operationId: 'createReachCampaign', summary: "Record a campaign's reach" })
  @ApiCreatedResponse({ type: ReachCampaignDto })
  @ApiUnprocessableEntityResponse(NO_COURSE)
  create(@Body() dto: CreateReachCampaignDto, @CurrentUser() user: AuthUser, @RequestLocale() locale: Locale): Promise<ReachCampaignDto> {
    return this.campaigns.create(user, dto, locale);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateReachCampaign', summary: 'Correct a recorded campaign (null clears course, programme or impressions)' })
  @ApiOkResponse({ type: ReachCampaignDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiUnprocessableEntityResponse(NO_COURSE)
  update(@Param() params: ReachCampaignIdParamsDto, @Body() dto: UpdateReachCampaignDto, @RequestLocale() locale: Locale): Promise<ReachCampaignDto> {
    return this.campaigns.update(params.id, dto, locale);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteReachCampaign', summary: 'Delete a recorded campaign' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse(NOT_FOUND)
  remove(@Param() params: ReachCampaignIdParamsDto): Promise<void> {
    return this.campaigns.remove(params.id);
  }
}
