import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'targetGroup' }) field: string;
  @ApiProperty({ example: 'ค่าไม่อยู่ในตัวเลือกที่อนุญาต' }) message: string;
}

/** RFC 9457 problem details, as every error is answered (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:baanrian:problem:validation-failed' }) type: string;
  @ApiProperty({ description: "Short summary in the caller's language" }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: '/api/v1/catalog?targetGroup=pets' }) instance: string;
  @ApiPropertyOptional({ description: 'Quote this when reporting a problem' }) requestId?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
