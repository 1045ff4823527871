import { ApiProperty } from '@nestjs/swagger';

export class PingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds from request to completion by the worker' })
  roundTripMs: number | null;
}
