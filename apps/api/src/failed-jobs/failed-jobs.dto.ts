import { FAILED_JOB_PAGE_SIZE, FAILED_JOB_QUEUES, FAILED_JOB_STATUSES, type FailedJobQueue, type FailedJobStatus } from '@baanrian/contracts';
import type { QueueName } from '@baanrian/jobs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

// The portal's list of queues (libs/contracts) and the worker's (libs/jobs) must be the same set.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const QUEUES_AGREE: Same<FailedJobQueue, QueueName> = true;
void QUEUES_AGREE;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ListFailedJobsQueryDto {
  @ApiPropertyOptional({ enum: FAILED_JOB_QUEUES }) @IsOptional() @IsIn(FAILED_JOB_QUEUES) queue?: FailedJobQueue;
  @ApiPropertyOptional({ enum: FAILED_JOB_STATUSES, description: 'All statuses when absent' }) @IsOptional() @IsIn(FAILED_JOB_STATUSES) status?: FailedJobStatus;
  @ApiPropertyOptional({ default: FAILED_JOB_PAGE_SIZE, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class FailedJobIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}

export class DismissFailedJobDto {
  @ApiProperty({ description: 'Why nothing more will be done, kept with the record and in the audit log' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;
}

export class FailedJobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FAILED_JOB_QUEUES }) queue: FailedJobQueue;
  @ApiProperty({ example: 'credential.issued' }) jobName: string;
  @ApiProperty({ description: 'BullMQ job id (for relayed events, the outbox event id)' }) jobId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload’s ids; anything else is "[omitted]"', example: { credentialId: '6f1c…' } })
  payload: Record<string, unknown>;
  @ApiProperty() errorMessage: string;
  @ApiProperty({ type: String, nullable: true, example: '23505' }) errorCode: string | null;
  @ApiProperty({ description: 'Attempts made before BullMQ gave up, the last time' }) attempts: number;
  @ApiProperty({ description: 'How many times it failed for good (more than 1 when a retry failed again)' }) failures: number;
  @ApiProperty({ format: 'date-time' }) firstFailedAt: string;
  @ApiProperty({ format: 'date-time' }) lastFailedAt: string;
  @ApiProperty({ enum: FAILED_JOB_STATUSES }) status: FailedJobStatus;
  @ApiProperty({ description: 'Whether Retry can send it again while open: false for a mail that may already have gone out (mail.unconfirmed), which can only be dismissed' })
  retryable: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who retried or dismissed it' }) resolvedByName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reason given when dismissing' }) resolutionNote: string | null;
}

export class FailedJobListDto {
  @ApiProperty({ type: [FailedJobDto] }) items: FailedJobDto[];
  @ApiProperty() total: number;
}
