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

export class ReadinessDto {
  @ApiProperty({ enum: ['ready'] }) status: 'ready';
  @ApiProperty({ type: ReadinessChecksDto }) checks: ReadinessChecksDto;
  @ApiProperty({ type: PingDto, nullable: true, description: 'The last completed system.ping round trip' })
  lastPing: PingDto | null;
}

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}
