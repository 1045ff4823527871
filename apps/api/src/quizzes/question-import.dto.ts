import { QUESTION_TYPES, type QuestionType } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';

export const IMPORT_FORMATS = ['gift', 'aiken'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export class QuestionImportQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_FORMATS, default: 'gift' }) @IsOptional() @IsIn(IMPORT_FORMATS) format?: ImportFormat;
  @ApiPropertyOptional({ description: 'true: save the good questions (after the instructor saw the preview); otherwise a preview, nothing saved' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean() confirm?: boolean;
}

export class QuestionExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this category and its sub-categories' }) @IsOptional() @IsUUID() categoryId?: string;
}

export class QuestionImportIssueDto {
  @ApiProperty({ description: '1-based' }) line: number;
  @ApiProperty({ description: '1-based' }) column: number;
  @ApiProperty({ enum: ['error', 'warning'], description: 'error: the question is not imported; warning: imported, worth a look' }) severity: 'error' | 'warning';
  @ApiProperty({ description: 'Stable code (brace_mismatch, answer_missing, question_invalid, …)' }) code: string;
  @ApiProperty({ description: 'English explanation; translate by code' }) message: string;
}

export class ImportQuestionPreviewDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Where it starts, best effort' }) line: number | null;
  @ApiProperty({ enum: QUESTION_TYPES }) type: QuestionType;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty() stemPreview: string;
  @ApiProperty({ type: String, nullable: true }) categoryPath: string | null;
}

export class QuestionImportPreviewDto {
  @ApiProperty({ enum: IMPORT_FORMATS }) format: ImportFormat;
  @ApiProperty({ type: [ImportQuestionPreviewDto], description: 'The questions a confirmed import would save' }) questions: ImportQuestionPreviewDto[];
  @ApiProperty({ type: [QuestionImportIssueDto], description: 'Every problem, by line and column' }) issues: QuestionImportIssueDto[];
  @ApiProperty() importable: number;
}

export class QuestionImportResultDto {
  @ApiProperty() imported: number;
  @ApiProperty() categoriesCreated: number;
  @ApiProperty({ description: 'Questions left out because of errors' }) skipped: number;
}
