import { QUESTION_MEDIA_KINDS, QUESTION_TYPES, type QuestionMediaKind, type QuestionType, TEXT_FORMATS, type TextFormat } from '@baanrian/contracts';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * The authored question as the editor sends it: one class holding every type's fields, each
 * checked for shape here (unknown fields are refused like everywhere); which fields a type needs
 * and whether the key makes sense is `validateQuestion`'s job (422 QUIZ_QUESTION_INVALID).
 */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_TEXT = 20_000;

export class RichTextDto {
  @ApiProperty() @IsString() @MaxLength(MAX_TEXT) text: string;
  @ApiProperty({ enum: TEXT_FORMATS }) @IsIn(TEXT_FORMATS) format: TextFormat;
}

export class QuestionMediaDto {
  @ApiProperty({ enum: QUESTION_MEDIA_KINDS }) @IsIn(QUESTION_MEDIA_KINDS) kind: QuestionMediaKind;
  @ApiProperty({ format: 'uuid' }) @IsUUID() mediaId: string;
  @ApiPropertyOptional({ description: "An image's text alternative (required for images) or an audio's transcript" })
  @IsOptional() @IsString() @MaxLength(2000) alt?: string;
}

export class ChoiceOptionDto {
  @ApiPropertyOptional({ description: 'Kept when given (stable for edits); the bank gives new options a UUID' }) @IsOptional() @Matches(ID) id?: string;
  @ApiProperty({ type: RichTextDto }) @ValidateNested() @Type(() => RichTextDto) text: RichTextDto;
  @ApiProperty({ minimum: -1, maximum: 1 }) @IsNumber() weight: number;
  @ApiPropertyOptional({ type: RichTextDto }) @IsOptional() @ValidateNested() @Type(() => RichTextDto) feedback?: RichTextDto;
}

export class ShortTextAnswerDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) id?: string;
  @ApiProperty() @IsString() @MaxLength(500) text: string;
  @ApiProperty() @IsNumber() weight: number;
  @ApiPropertyOptional({ type: RichTextDto }) @IsOptional() @ValidateNested() @Type(() => RichTextDto) feedback?: RichTextDto;
}

const MATCH_KINDS = ['value', 'range', 'any'] as const;

export class NumericMatchDto {
  @ApiProperty({ enum: MATCH_KINDS }) @IsIn(MATCH_KINDS) kind: (typeof MATCH_KINDS)[number];
  @ApiPropertyOptional() @IsOptional() @IsNumber() value?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) tolerance?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() min?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() max?: number;
}

export class NumericAnswerDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) id?: string;
  @ApiProperty({ type: NumericMatchDto }) @ValidateNested() @Type(() => NumericMatchDto) match: NumericMatchDto;
  @ApiProperty() @IsNumber() weight: number;
  @ApiPropertyOptional({ type: RichTextDto }) @IsOptional() @ValidateNested() @Type(() => RichTextDto) feedback?: RichTextDto;
}

export class OrderingItemDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) id?: string;
  @ApiProperty({ type: RichTextDto }) @ValidateNested() @Type(() => RichTextDto) text: RichTextDto;
}

export class MatchingPairDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID) id?: string;
  @ApiProperty({ type: RichTextDto }) @ValidateNested() @Type(() => RichTextDto) prompt: RichTextDto;
  @ApiProperty() @IsString() @MaxLength(500) answer: string;
}

@ApiExtraModels(ShortTextAnswerDto, NumericAnswerDto)
export class QuestionDefinitionDto {
  @ApiPropertyOptional({ description: 'Ignored: the bank gives and keeps question ids (accepted so a loaded definition can be sent back)' })
  @IsOptional() @IsString() @MaxLength(64) id?: string;
  @ApiPropertyOptional({ description: 'Ignored: `categoryPath` next to the definition decides' }) @IsOptional() @IsString() @MaxLength(300) category?: string;
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type: QuestionType;
  @ApiPropertyOptional({ description: 'Author-facing name; never shown to learners' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiProperty({ type: RichTextDto }) @ValidateNested() @Type(() => RichTextDto) stem: RichTextDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() blank?: boolean;
  @ApiPropertyOptional({ type: QuestionMediaDto }) @IsOptional() @ValidateNested() @Type(() => QuestionMediaDto) media?: QuestionMediaDto;
  @ApiProperty({ minimum: 0, maximum: 1000 }) @IsNumber() @Min(0) @Max(1000) points: number;
  @ApiPropertyOptional({ type: RichTextDto }) @IsOptional() @ValidateNested() @Type(() => RichTextDto) generalFeedback?: RichTextDto;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true }) tags: string[];
  @ApiPropertyOptional({ type: [ChoiceOptionDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ChoiceOptionDto) options?: ChoiceOptionDto[];
  @ApiPropertyOptional({ description: 'true_false' }) @IsOptional() @IsBoolean() correct?: boolean;
  @ApiPropertyOptional({ type: RichTextDto }) @IsOptional() @ValidateNested() @Type(() => RichTextDto) feedbackTrue?: RichTextDto;
  @ApiPropertyOptional({ type: RichTextDto }) @IsOptional() @ValidateNested() @Type(() => RichTextDto) feedbackFalse?: RichTextDto;
  @ApiPropertyOptional({
    description: 'short_text: ShortTextAnswerDto[]; numeric: NumericAnswerDto[] (checked against the type)',
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ShortTextAnswerDto) }, { $ref: getSchemaPath(NumericAnswerDto) }] },
  })
  @IsOptional() @IsArray() @ArrayMaxSize(50)
  answers?: (ShortTextAnswerDto | NumericAnswerDto)[];
  @ApiPropertyOptional({ type: [OrderingItemDto], description: 'In the correct order' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => OrderingItemDto) items?: OrderingItemDto[];
  @ApiPropertyOptional({ type: [MatchingPairDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MatchingPairDto) pairs?: MatchingPairDto[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) distractors?: string[];
}

const CATEGORY_PATH = /^[^/\s][^/]*(\/[^/\s][^/]*)*$/;

export class CreateQuestionDto {
  @ApiProperty({ type: QuestionDefinitionDto }) @ValidateNested() @Type(() => QuestionDefinitionDto) definition: QuestionDefinitionDto;
  @ApiPropertyOptional({ description: 'Category path such as `Grammar/Tones`, created when missing; none: uncategorised' })
  @IsOptional() @IsString() @MaxLength(300) @Matches(CATEGORY_PATH) categoryPath?: string;
}

export class UpdateQuestionDto extends CreateQuestionDto {
  @ApiProperty({ description: 'The keyRevision the editor loaded; another answer-key change since then → 409' }) @IsInt() @Min(1) keyRevision: number;
}

export class QuestionIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionId: string;
}

export class QuestionListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'This category and its sub-categories' }) @IsOptional() @IsUUID() categoryId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) tag?: string;
  @ApiPropertyOptional({ enum: QUESTION_TYPES }) @IsOptional() @IsIn(QUESTION_TYPES) type?: QuestionType;
  @ApiPropertyOptional({ description: 'Words in the stem or name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class RegradeRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) quizId: string;
}

export class QuestionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: QuestionType;
  @ApiProperty({ type: QuestionDefinitionDto, description: 'The whole authored question, with ids (instructors only)' }) definition: object;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId: string | null;
  @ApiProperty({ type: String, nullable: true }) categoryPath: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() keyRevision: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'Quizzes using it as a fixed question' }) usedInQuizzes: number;
}

export class SavedQuestionDto extends QuestionDto {
  @ApiProperty({ type: [RegradeRefDto], description: 'Regrades started because the answer key changed' }) regrades: RegradeRefDto[];
}

export class QuestionPageDto {
  @ApiProperty({ type: [QuestionDto] }) items: QuestionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class QuestionCategoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() path: string;
  @ApiProperty({ description: 'Live questions directly in it' }) questionCount: number;
}

export class CreateQuestionCategoryDto {
  @ApiProperty({ example: 'Grammar/Tones' }) @IsString() @MaxLength(300) @Matches(CATEGORY_PATH) path: string;
}

export class QuestionCategoryIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() categoryId: string;
}
