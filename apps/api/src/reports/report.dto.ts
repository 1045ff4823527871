import {
  PERIOD_KINDS,
  REPORT_DIMENSIONS,
  REPORT_FORMATS,
  REPORT_MEASURES,
  REPORT_PRESETS,
  type ReportDimension,
  type ReportFilters,
  type ReportFormat,
  type ReportMeasure,
  type ReportPreset,
  type ReportQuery,
  type ReportResult,
  TARGET_GROUPS,
  type TargetGroup,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** A list parameter given comma-separated (`a,b`), repeated (`x=a&x=b`) or both. */
const list = ({ value }: { value: unknown }) =>
  ([] as unknown[])
    .concat(value)
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .map((item) => (typeof item === 'string' ? item.trim() : item))
    .filter((item) => item !== '');

const LIST = { style: 'form', explode: false } as const;

/**
 * GET /reports. Period, preset, breakdowns and measures are checked by the report service (one
 * place for the API and exports), answering REPORT_* problems; filters are checked here.
 */
export class ReportQueryDto {
  @ApiProperty({ description: '`fy:2569`, `fy:2569:h1`, `fy:2569:q1`…`q4`, `month:2026-03`, `cy:2026` or `range:2026-01-05..2026-02-10` (Bangkok days, inclusive)', example: 'fy:2569' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  period: string;

  @ApiPropertyOptional({ enum: REPORT_PRESETS, enumName: 'ReportPreset' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  preset?: string;

  @ApiPropertyOptional({ type: [String], enum: REPORT_DIMENSIONS, ...LIST, description: "Overrides the preset's breakdowns; empty for none" })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @ArrayMaxSize(REPORT_DIMENSIONS.length)
  breakdowns?: string[];

  @ApiPropertyOptional({ type: [String], enum: REPORT_MEASURES, ...LIST, description: "Overrides the preset's measures" })
  @IsOptional()
  @Transform(list)
  @IsString({ each: true })
  @ArrayMaxSize(REPORT_MEASURES.length)
  measures?: string[];

  @ApiPropertyOptional({ type: [String], enum: TARGET_GROUPS, ...LIST })
  @IsOptional()
  @Transform(list)
  @IsIn(TARGET_GROUPS, { each: true })
  @ArrayMaxSize(TARGET_GROUPS.length)
  targetGroups?: TargetGroup[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', ...LIST })
  @IsOptional()
  @Transform(list)
  @IsUUID('all', { each: true })
  @ArrayMaxSize(200)
  courseIds?: string[];

  @ApiPropertyOptional({ enum: REPORT_FORMATS, enumName: 'ReportFormat', description: "The enrolment's channel (classes: the course's format)" })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({ description: "The learner's province" })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  province?: string;

  @ApiPropertyOptional({ description: "The learner's district ('' = not known)" })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  district?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the courses this instructor owns or co-teaches' })
  @IsOptional()
  @IsUUID()
  instructorId?: string;
}

/** The HTTP query as the service's ReportQuery. */
export function toReportQuery(dto: ReportQueryDto): ReportQuery {
  const filters: ReportFilters = {};
  if (dto.targetGroups?.length) filters.targetGroups = dto.targetGroups;
  if (dto.courseIds?.length) filters.courseIds = dto.courseIds;
  if (dto.format) filters.format = dto.format;
  if (dto.province !== undefined) filters.province = dto.province;
  if (dto.district !== undefined) filters.district = dto.district;
  if (dto.instructorId) filters.instructorId = dto.instructorId;
  return {
    period: dto.period,
    ...(dto.preset ? { preset: dto.preset as ReportPreset } : {}),
    ...(dto.breakdowns !== undefined ? { breakdowns: dto.breakdowns as ReportDimension[] } : {}),
    ...(dto.measures !== undefined ? { measures: dto.measures as ReportMeasure[] } : {}),
    filters,
  };
}

export class ReportValueDto {
  @ApiProperty({ description: 'The measure over the period (completion_rate: 0–100, one decimal)' }) actual: number;
  @ApiProperty({ type: Number, nullable: true, description: "The plan's whole-year target (fiscal-year periods only)" }) target: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'actual ÷ target × 100, one decimal' }) percentOfPlan: number | null;
}

/**
 * One optional property per measure, as the contracts' Partial<Record<ReportMeasure, …>>. The type
 * is given as such, not as a thunk: the document generator cannot name a thunk's schema here and
 * wrote an empty `$ref` for every measure.
 */
function measureProperties(target: object, type: typeof Number | typeof ReportValueDto): void {
  for (const measure of REPORT_MEASURES) ApiPropertyOptional({ type, description: `\`${measure}\` (present when the report shows it)` })(target, measure);
}

/** A breakdown row's values: the measures the report shows and the dimension has. */
export class ReportMeasureValuesDto {}
measureProperties(ReportMeasureValuesDto.prototype, Number);

/** The totals: actual, target and % of plan of each measure the report shows. */
export class ReportTotalsDto {}
measureProperties(ReportTotalsDto.prototype, ReportValueDto);

export class ReportRowDto {
  @ApiProperty({ description: 'A month `2026-03`, `fy:2569:q1`, a target group, a course id, `online` …' }) key: string;
  @ApiProperty({ description: 'In the request language (Accept-Language)' }) label: string;
  @ApiProperty({ type: ReportMeasureValuesDto }) values: Partial<Record<ReportMeasure, number>>;
}

export class ReportBreakdownDto {
  @ApiProperty({ enum: REPORT_DIMENSIONS, enumName: 'ReportDimension' }) dimension: ReportDimension;
  @ApiProperty({ type: [ReportRowDto] }) rows: ReportRowDto[];
}

/** The period as parsed: canonical key, kind, Bangkok days (inclusive) and its label in the request language. */
export class ReportPeriodDto {
  @ApiProperty({ example: 'fy:2569' }) key: string;
  @ApiProperty({ enum: PERIOD_KINDS, enumName: 'ReportPeriodKind' }) kind: string;
  @ApiProperty({ example: '2025-10-01' }) from: string;
  @ApiProperty({ example: '2026-09-30' }) to: string;
  @ApiProperty({ example: 2569, description: 'The fiscal year (BE) holding the first day' }) fiscalYear: number;
  @ApiProperty({ example: 'ปีงบประมาณ 2569 (ต.ค. 2568 – ก.ย. 2569)' }) label: string;
}

/** The filters the report applied (an instructor's forced scope included). */
export class ReportFiltersDto {
  @ApiPropertyOptional({ enum: TARGET_GROUPS, enumName: 'TargetGroup', isArray: true }) targetGroups?: TargetGroup[];
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) courseIds?: string[];
  @ApiPropertyOptional({ enum: REPORT_FORMATS, enumName: 'ReportFormat' }) format?: ReportFormat;
  @ApiPropertyOptional({ description: "The learner's province ('' = not known)" }) province?: string;
  @ApiPropertyOptional({ description: "The learner's district ('' = not known)" }) district?: string;
  @ApiPropertyOptional({ format: 'uuid' }) instructorId?: string;
}

export class ReportFunnelDto {
  @ApiProperty({ description: 'reach_total' }) reach: number;
  @ApiProperty({ description: 'learners' }) enrolled: number;
  @ApiProperty({ description: 'attendees' }) attended: number;
  @ApiProperty({ description: 'completers' }) completed: number;
}

export class ReportResultDto implements ReportResult {
  @ApiProperty({ type: ReportPeriodDto }) period: ReportPeriodDto;
  @ApiProperty({ enum: REPORT_PRESETS, enumName: 'ReportPreset', nullable: true }) preset: ReportPreset | null;
  @ApiProperty({ enum: REPORT_MEASURES, enumName: 'ReportMeasure', isArray: true }) measures: ReportMeasure[];
  @ApiProperty({ type: ReportFiltersDto }) filters: ReportFilters;
  @ApiProperty({ type: ReportTotalsDto }) totals: Partial<Record<ReportMeasure, ReportValueDto>>;
  @ApiProperty({ type: [ReportBreakdownDto] }) breakdowns: ReportBreakdownDto[];
  @ApiProperty({ type: ReportFunnelDto }) funnel: ReportFunnelDto;
  @ApiProperty({ format: 'date-time', description: 'When the rollups were last brought up to date' }) freshAt: string;
}

export class ReportOptionCourseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class ReportOptionInstructorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class ReportOptionDistrictDto {
  @ApiProperty() province: string;
  @ApiProperty() district: string;
}

export class ReportOptionsDto {
  @ApiProperty({ example: 2569 }) currentFiscalYear: number;
  @ApiProperty({ type: [Number], description: 'Fiscal years with data, newest first (the current one always)' }) fiscalYears: number[];
  @ApiProperty({ type: [String] }) provinces: string[];
  @ApiProperty({ type: [ReportOptionDistrictDto] }) districts: ReportOptionDistrictDto[];
  @ApiProperty({ type: [ReportOptionCourseDto], description: 'Published courses in scope, by title' }) courses: ReportOptionCourseDto[];
  @ApiProperty({ type: [ReportOptionInstructorDto], description: 'Instructors in scope (an instructor sees only themselves)' }) instructors: ReportOptionInstructorDto[];
}
