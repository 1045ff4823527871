import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PingDto } from './system.dto';

export class CheckDto {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ description: 'Why the check failed' }) reason?: string;
}

export class ReadinessChecksDto {
  @ApiProperty({ type: CheckDto }) database: CheckDto;
  @ApiProperty({ type: CheckDto }) redis: CheckDto;
  @ApiProperty({ type: CheckDto }) worker: CheckDto;
}

export class RateLimitStatusDto {
  @ApiProperty({ description: 'False while Redis cannot run rate-limit checks and they are skipped (readiness does not fail for it)' })
  enforced: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the current run of skipped checks began' })
  skippingSince: string | null;
  @ApiProperty({ description: 'Checks skipped since then' }) skipped: number;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready'] }) status: 'ready';
  @ApiProperty({ type: ReadinessChecksDto }) checks: ReadinessChecksDto;
  @ApiProperty({ type: PingDto, nullable: true, description: 'The last completed system.ping round trip' })
  lastPing: PingDto | null;
  @ApiProperty({ type: RateLimitStatusDto }) rateLimits: RateLimitStatusDto;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}
