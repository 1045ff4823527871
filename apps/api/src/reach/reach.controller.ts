import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { clientIp } from '../accounts/auth.controller';
import { Auth } from '../authz/auth.decorator';
import { ReachClock } from './reach.clock';
import { RecordVisitDto } from './reach.dto';
import { ReachService } from './reach.service';

/** The portal's page-view beacon for measured reach; anyone, signed in or not. */
@ApiTags('reach')
@Controller('reach')
@Auth({ public: true })
export class ReachController {
  constructor(
    private readonly reach: ReachService,
    private readonly clock: ReachClock,
  ) {}

  @Post('visits')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'recordVisit',
    summary: 'Count a view of the catalog or a course page (no cookie; the address is only hashed with a daily salt, never stored)',
  })
  @ApiNoContentResponse({ description: 'Counted, or ignored (crawler, unknown course): the answer is the same' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED (problem+json)' })
  @ApiTooManyRequestsResponse({ description: 'REACH_TOO_MANY_VISITS: wait for Retry-After seconds (problem+json)' })
  record(@Body() visit: RecordVisitDto, @Req() req: Request): Promise<void> {
    return this.reach.record(visit, { ip: clientIp(req), userAgent: req.get('user-agent') ?? '', host: req.hostname ?? '' }, this.clock.now());
  }
}
