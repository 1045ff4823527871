import { PLANNABLE_MEASURES, REACH_CHANNELS, type ReachChannel, type ReportMeasure, TARGET_GROUPS } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const PLAN_GROUPS = [...TARGET_GROUPS, 'all'] as const;

/** A real calendar day written `YYYY-MM-DD` (2026-02-30 is refused). */
export const isCalendarDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const IsCalendarDay = () => ValidateBy({ name: 'isDay', validator: { validate: isCalendarDay, defaultMessage: () => 'must be a date written YYYY-MM-DD' } });

export class FiscalYearQueryDto {
  @ApiProperty({ description: 'Thai fiscal year (BE)', example: 2569 })
  @Type(() => Number)
  @IsInt()
  @Min(2500)
  @Max(2700)
  fiscalYear: number;
}

export class ReportTargetDto {
  @ApiProperty({ enum: PLAN_GROUPS, enumName: 'PlanTargetGroup', description: "A target group, or 'all' for the programme as a whole" })
  @IsIn(PLAN_GROUPS)
  targetGroup: string;

  @ApiProperty({ enum: PLANNABLE_MEASURES, enumName: 'PlannableMeasure' })
  @IsIn(PLANNABLE_MEASURES)
  measure: ReportMeasure;

  @ApiProperty({ description: 'The whole-year target (one decimal at most)', example: 1800 })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e12)
  target: number;
}

export class SaveReportPlanDto {
  @ApiProperty({ example: 2569 }) @IsInt() @Min(2500) @Max(2700) fiscalYear: number;

  @ApiProperty({ type: [ReportTargetDto], description: "The fiscal year's whole plan: targets not listed are removed" })
  @ValidateNested({ each: true })
  @Type(() => ReportTargetDto)
  @ArrayMaxSize(PLAN_GROUPS.length * PLANNABLE_MEASURES.length)
  targets: ReportTargetDto[];
}

export class ReportPlanDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: [ReportTargetDto] }) targets: ReportTargetDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last change, null when no plan was set' }) updatedAt: string | null;
}

export class CreateReachCampaignDto {
  @ApiProperty({ enum: REACH_CHANNELS, enumName: 'ReachChannel' }) @IsIn(REACH_CHANNELS) channel: ReachChannel;
  @ApiProperty({ example: '2026-01-05', description: 'Reports count the campaign in the period holding this day' }) @IsCalendarDay() startsOn: string;
  @ApiProperty({ example: '2026-01-31', description: 'Not before startsOn' }) @IsCalendarDay() endsOn: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() courseId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'A programme name when the campaign was not for one course' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  programme?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @ValidateIf((_o, v) => v !== null && v !== undefined) @IsInt() @Min(0) @Max(2_000_000_000) impressions?: number | null;
  @ApiProperty({ example: 17852 }) @IsInt() @Min(0) @Max(2_000_000_000) reach: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) note?: string;
}

export class UpdateReachCampaignDto extends PartialType(CreateReachCampaignDto) {}

export class ReachCampaignIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}

export class ListReachCampaignsQueryDto {
  @ApiPropertyOptional({ description: 'Only campaigns starting in this period (same strings as GET /reports)', example: 'fy:2569' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  period?: string;
}

export class ReachCampaignDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REACH_CHANNELS, enumName: 'ReachChannel' }) channel: ReachChannel;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'In the request language, Thai when untranslated' }) courseTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) programme: string | null;
  @ApiProperty({ type: Number, nullable: true }) impressions: number | null;
  @ApiProperty() reach: number;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
