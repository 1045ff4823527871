import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  EXPORT_STATUSES,
  type ExportFormat,
  type ExportKind,
  type ExportStatus,
  REPORT_DIMENSIONS,
  REPORT_FORMATS,
  REPORT_MEASURES,
  REPORT_PRESETS,
  type ReportDimension,
  type ReportExportRequest,
  type ReportExportSummary,
  type ReportFilters,
  type ReportFormat,
  type ReportMeasure,
  type ReportPreset,
  TARGET_GROUPS,
  type TargetGroup,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

/** Filters of an export, as in a report (all optional, combined with AND). */
export class ReportExportFiltersDto implements ReportFilters {
  @ApiPropertyOptional({ type: [String], enum: TARGET_GROUPS })
  @IsOptional()
  @IsIn(TARGET_GROUPS, { each: true })
  @ArrayMaxSize(TARGET_GROUPS.length)
  targetGroups?: TargetGroup[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(200)
  courseIds?: string[];

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: "The enrolment's channel (classes: the course's format)" })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({ description: "The learner's province ('' for unknown)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  province?: string;

  @ApiPropertyOptional({ description: "The learner's district ('' for unknown)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  district?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Courses this instructor owns or co-teaches; instructors get their own id forced' })
  @IsOptional()
  @IsUUID()
  instructorId?: string;
}

/** POST /reports/exports. */
export class CreateReportExportDto implements ReportExportRequest {
  @ApiProperty({ enum: EXPORT_FORMATS, enumName: 'ExportFormat', description: '`pdf` for the `report` kind only' })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiProperty({ enum: EXPORT_KINDS, enumName: 'ExportKind', description: '`report`: the report\'s tables; `enrollments`: one row per enrolment activated in the period' })
  @IsIn(EXPORT_KINDS)
  kind: ExportKind;

  @ApiProperty({ example: 'fy:2569', description: '`fy:2569`, `fy:2569:h1`, `fy:2569:q1`…`q4`, `month:2026-03`, `cy:2026` or `range:2026-01-05..2026-02-10` (Bangkok days, inclusive)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  period: string;

  @ApiPropertyOptional({ enum: REPORT_PRESETS })
  @IsOptional()
  @IsIn(REPORT_PRESETS)
  preset?: ReportPreset;

  @ApiPropertyOptional({ type: [String], enum: REPORT_DIMENSIONS, description: "Overrides the preset's breakdowns" })
  @IsOptional()
  @IsIn(REPORT_DIMENSIONS, { each: true })
  @ArrayMaxSize(REPORT_DIMENSIONS.length)
  breakdowns?: ReportDimension[];

  @ApiPropertyOptional({ type: [String], enum: REPORT_MEASURES, description: "Overrides the preset's measures" })
  @IsOptional()
  @IsIn(REPORT_MEASURES, { each: true })
  @ArrayMaxSize(REPORT_MEASURES.length)
  measures?: ReportMeasure[];

  @ApiPropertyOptional({ type: ReportExportFiltersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportExportFiltersDto)
  filters?: ReportExportFiltersDto;
}

export class ReportExportIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}

export class ReportExportFileQueryDto {
  @ApiPropertyOptional({
    default: false,
    description:
      'While the export is queued or running: send the file as the worker writes it (no Content-Length; the connection is cut if the job fails). ' +
      'Answered 409 where the storage cannot be followed (S3). A ready export is sent as usual.',
  })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  follow?: boolean;
}

/** The types an export file is sent as, and their OpenAPI content (binary), for both download routes. */
export const EXPORT_FILE_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf'];
export const EXPORT_FILE_CONTENT = Object.fromEntries(EXPORT_FILE_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));

/** A download link's token (report-export.link.ts): the requester, follow or not, the expiry, a MAC. */
export class ReportExportDownloadQueryDto {
  @ApiProperty({ description: 'The token of a link from POST /reports/exports/{id}/link' })
  @IsString()
  @MaxLength(120)
  @Matches(/^[0-9a-f-]{36}\.[01]\.\d{10}\.[A-Za-z0-9_-]{43}$/)
  token: string;
}

/** A signed link a browser can download from by itself, for a couple of minutes. */
export class ReportExportLinkDto {
  @ApiProperty({ example: '/api/v1/reports/exports/3f1c…/download?token=…', description: 'Relative to the API origin; works without the access token' })
  url: string;

  @ApiProperty({ format: 'date-time', description: 'The link stops working then; the download, once started, goes on' })
  expiresAt: string;
}

/** A large export run by the worker: its progress, and its download link once ready. */
export class ReportExportDto implements ReportExportSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EXPORT_FORMATS, enumName: 'ExportFormat' }) format: ExportFormat;
  @ApiProperty({ enum: EXPORT_KINDS, enumName: 'ExportKind' }) kind: ExportKind;
  @ApiProperty({ example: 'fy:2569' }) period: string;
  @ApiProperty({ enum: EXPORT_STATUSES, enumName: 'ExportStatus' }) status: ExportStatus;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Updated about every 5 %' }) progress: number;
  @ApiProperty({ type: Number, nullable: true }) rowCount: number | null;
  @ApiProperty({ type: Number, nullable: true }) byteSize: number | null;
  @ApiProperty({ example: 'รายงาน-fy-2569.xlsx' }) fileName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the download link stops working' }) expiresAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Ready and not expired: the file (owner only)' }) downloadUrl: string | null;
}
