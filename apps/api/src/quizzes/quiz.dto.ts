import { GRADING_METHODS, type GradingMethod, REGRADE_STATUSES, type RegradeStatus, RESULTS_POLICIES, type ResultsPolicy } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class QuizDrawDto {
  @ApiProperty({ format: 'uuid', description: 'A bank category; its sub-categories are included' }) @IsUUID() categoryId: string;
  @ApiProperty({ minimum: 1, maximum: 200 }) @IsInt() @Min(1) @Max(200) count: number;
}

export class CreateQuizDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: unlimited', default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(100) attemptsAllowed?: number | null;
  @ApiPropertyOptional({ enum: GRADING_METHODS, default: 'highest' }) @IsOptional() @IsIn(GRADING_METHODS) gradingMethod?: GradingMethod;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 60 }) @IsOptional() @IsInt() @Min(0) @Max(100) passingPercent?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null: untimed' }) @IsOptional() @IsInt() @Min(30) @Max(86_400) timeLimitSeconds?: number | null;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() shuffleQuestions?: boolean;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() shuffleOptions?: boolean;
  @ApiPropertyOptional({ enum: RESULTS_POLICIES, default: 'immediately' }) @IsOptional() @IsIn(RESULTS_POLICIES) resultsPolicy?: ResultsPolicy;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @IsOptional() @IsDateString({ strict: true }) dueAt?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'Fixed questions of the bank, in order' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ArrayUnique() @IsUUID('all', { each: true }) questionIds?: string[];
  @ApiPropertyOptional({ type: [QuizDrawDto], description: 'Questions drawn at random per attempt' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => QuizDrawDto) draws?: QuizDrawDto[];
}

export class UpdateQuizDto extends PartialType(CreateQuizDto) {}

export class QuizDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: Number, nullable: true }) attemptsAllowed: number | null;
  @ApiProperty({ enum: GRADING_METHODS }) gradingMethod: GradingMethod;
  @ApiProperty() passingPercent: number;
  @ApiProperty({ type: Number, nullable: true }) timeLimitSeconds: number | null;
  @ApiProperty() shuffleQuestions: boolean;
  @ApiProperty() shuffleOptions: boolean;
  @ApiProperty({ enum: RESULTS_POLICIES }) resultsPolicy: ResultsPolicy;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: [String] }) questionIds: string[];
  @ApiProperty({ type: [QuizDrawDto] }) draws: QuizDrawDto[];
  @ApiProperty({ description: 'Questions per attempt (fixed + drawn)' }) questionCount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Points per attempt; null when draws mix questions of different points' }) maxScore: number | null;
  @ApiProperty({ type: [String], description: 'Lessons of the draft pointing at it' }) lessonIds: string[];
}

export class QuizIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() quizId: string;
}

export class ExtensionParamsDto extends QuizIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
}

export class ExtensionInputDto {
  @ApiProperty({ minimum: 1, maximum: 86_400, description: 'Added to the time limit of every attempt of this learner' }) @IsInt() @Min(1) @Max(86_400) extraSeconds: number;
}

export class ExtensionDto {
  @ApiProperty({ format: 'uuid' }) quizId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() extraSeconds: number;
}

export class RegradeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the whole quiz' }) questionId: string | null;
  @ApiProperty({ enum: REGRADE_STATUSES }) status: RegradeStatus;
  @ApiProperty() total: number;
  @ApiProperty() done: number;
  @ApiProperty() changed: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
