import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { DismissFailedJobDto, FailedJobDto, FailedJobIdParamsDto, FailedJobListDto, ListFailedJobsQueryDto } from './failed-jobs.dto';
import { FailedJobsService } from './failed-jobs.service';

/** Administrators: every job that failed for good, and what to do about it (retry or dismiss). */
@ApiTags('failed-jobs')
@Controller('admin/jobs/failed')
@Auth({ can: ['manage', 'FailedJob'] })
export class FailedJobsController {
  constructor(private readonly failedJobs: FailedJobsService) {}

  @Get()
  @ApiOperation({ operationId: 'listFailedJobs', summary: 'Jobs that failed for good, newest failure first; filter by queue and status' })
  @ApiOkResponse({ type: FailedJobListDto })
  list(@Query() query: ListFailedJobsQueryDto): Promise<FailedJobListDto> {
    return this.failedJobs.list(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ operationId: 'retryFailedJob', summary: 'Send the same job (name and payload) back to its queue, attempts reset; audited' })
  @ApiOkResponse({ type: FailedJobDto })
  @ApiNotFoundResponse({ description: 'JOB_FAILURE_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'JOB_FAILURE_NOT_OPEN: already retried or dismissed; JOB_FAILURE_GONE: no longer in the queue; JOB_FAILURE_NOT_RETRYABLE: a mail that may already have gone out (problem+json)' })
  @ApiServiceUnavailableResponse({ description: 'JOB_QUEUE_UNAVAILABLE: Redis did not answer; nothing changed (problem+json)' })
  retry(@Param() params: FailedJobIdParamsDto, @CurrentUser() user: AuthUser): Promise<FailedJobDto> {
    return this.failedJobs.retry(user, params.id);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOperation({ operationId: 'dismissFailedJob', summary: 'Close the record with a reason, without running the job again; audited' })
  @ApiOkResponse({ type: FailedJobDto })
  @ApiNotFoundResponse({ description: 'JOB_FAILURE_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'JOB_FAILURE_NOT_OPEN: already retried or dismissed (problem+json)' })
  dismiss(@Param() params: FailedJobIdParamsDto, @Body() dto: DismissFailedJobDto, @CurrentUser() user: AuthUser): Promise<FailedJobDto> {
    return this.failedJobs.dismiss(user, params.id, dto);
  }
}
