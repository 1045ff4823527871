import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const GRADEBOOK_STATUSES = ['passed', 'not_passed', 'not_attempted'] as const;
export type GradebookStatus = (typeof GRADEBOOK_STATUSES)[number];

export class GradebookQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One quiz only (its column, and what `status` looks at)' }) @IsOptional() @IsUUID() quizId?: string;
  @ApiPropertyOptional({
    enum: GRADEBOOK_STATUSES,
    description: 'passed: passed every quiz shown; not_passed: attempted one and did not pass it; not_attempted: has not attempted one',
  })
  @IsOptional() @IsIn(GRADEBOOK_STATUSES) status?: GradebookStatus;
  @ApiPropertyOptional({ description: 'Part of the name or account code' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class GradebookCsvQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() quizId?: string;
}

export class GradebookQuizDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) maxScore: number | null;
  @ApiProperty() passingPercent: number;
}

export class GradebookCellDto {
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty({ description: 'Submitted or graded attempts' }) attempts: number;
  @ApiProperty({ type: Number, nullable: true }) bestPercent: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The result by the quiz's grading method (highest, last, average of graded attempts)" }) resultPercent: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: nothing graded yet' }) passed: boolean | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSubmittedAt: string | null;
}

export class GradebookRowDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() accountCode: string;
  @ApiProperty({ type: [GradebookCellDto], description: 'One per quiz, in the order of `quizzes`' }) cells: GradebookCellDto[];
}

export class GradebookDto {
  @ApiProperty({ type: [GradebookQuizDto] }) quizzes: GradebookQuizDto[];
  @ApiProperty({ type: [GradebookRowDto] }) rows: GradebookRowDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
