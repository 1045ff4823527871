import { COURSE_FORMATS, COURSE_STATUSES, type CourseFormat, type CourseStatus, LOCALES, type Locale, TARGET_GROUPS, type TargetGroup } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
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
import { StudioModuleDto } from './studio-outline.dto';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 40;

/** Tags as stored: NFC, trimmed, inner whitespace collapsed, lower case, no duplicates. */
export function normalizeTags(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const tags = value.map((tag) => (typeof tag === 'string' ? tag.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase() : tag));
  return [...new Set(tags.filter((tag) => tag !== ''))];
}

/** Course text in up to three languages; the course's own language must be present (checked by the service). */
export class LocalizedTextInputDto {
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) th?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) en?: string;
  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) vi?: string;
}

/** Titles and summaries: same shape, shorter. */
export class ShortLocalizedTextInputDto {
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) th?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) en?: string;
  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @IsString() @MaxLength(300) vi?: string;
}

/** Fields shared by create and update. `null` clears an optional field. */
class CourseFieldsDto {
  @ApiPropertyOptional({ type: ShortLocalizedTextInputDto, description: 'A short description for cards and link previews' })
  @IsOptional() @ValidateNested() @Type(() => ShortLocalizedTextInputDto)
  summary?: ShortLocalizedTextInputDto;

  @ApiPropertyOptional({ type: LocalizedTextInputDto, description: 'Markdown; raw HTML is removed when saved' })
  @IsOptional() @ValidateNested() @Type(() => LocalizedTextInputDto)
  description?: LocalizedTextInputDto;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional() @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, description: `Stored trimmed, lower-cased and without duplicates; each at most ${MAX_TAG_LENGTH} characters` })
  @IsOptional() @Transform(({ value }) => normalizeTags(value)) @IsArray() @ArrayMaxSize(MAX_TAGS) @IsString({ each: true }) @MaxLength(MAX_TAG_LENGTH, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'An image uploaded through POST /media' })
  @IsOptional() @IsUUID()
  coverMediaId?: string | null;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100000, nullable: true, description: 'Seats; null for no limit' })
  @IsOptional() @IsInt() @Min(1) @Max(100000)
  capacity?: number | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @IsOptional() @IsDateString({ strict: true })
  enrollmentOpensAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Not after the course ends' }) @IsOptional() @IsDateString({ strict: true })
  enrollmentClosesAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) @IsOptional() @IsDateString({ strict: true })
  startsAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Not before the start' }) @IsOptional() @IsDateString({ strict: true })
  endsAt?: string | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 9999, nullable: true, description: 'Estimated hours, one decimal' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false }) @Min(0) @Max(9999)
  learningHours?: number | null;

  @ApiPropertyOptional({ description: 'Lessons unlock in order' })
  @IsOptional() @IsBoolean()
  sequential?: boolean;

  @ApiPropertyOptional({
    type: Number, minimum: 1, maximum: 100, nullable: true,
    description: 'Completion: share of session lessons to attend (all sessions count together); null = every required session must be attended',
  })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  completionAttendancePercent?: number | null;
}

export class CreateCourseDto extends CourseFieldsDto {
  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source, maxLength: 80, description: 'Made from the title when omitted' })
  @IsOptional() @IsString() @MaxLength(80) @Matches(SLUG_PATTERN)
  slug?: string;

  @ApiProperty({ type: ShortLocalizedTextInputDto, description: 'Must be present in the course language' })
  @ValidateNested() @Type(() => ShortLocalizedTextInputDto)
  title: ShortLocalizedTextInputDto;

  @ApiProperty({ enum: LOCALES, enumName: 'Locale', description: 'The language the course is taught in' })
  @IsIn(LOCALES)
  language: Locale;

  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup', isArray: true, minItems: 1, maxItems: 5 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsIn(TARGET_GROUPS, { each: true })
  targetGroups: TargetGroup[];

  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' })
  @IsIn(COURSE_FORMATS)
  format: CourseFormat;
}

export class UpdateCourseDto extends CourseFieldsDto {
  @ApiProperty({ description: 'The draftRevision this edit was made on; a stale one is refused with 409 COURSE_EDIT_CONFLICT' })
  @IsInt() @Min(1)
  draftRevision: number;

  @ApiPropertyOptional({ pattern: SLUG_PATTERN.source, maxLength: 80, description: 'Only before the first publish: shared links must keep working' })
  @IsOptional() @IsString() @MaxLength(80) @Matches(SLUG_PATTERN)
  slug?: string;

  @ApiPropertyOptional({ type: ShortLocalizedTextInputDto })
  @IsOptional() @ValidateNested() @Type(() => ShortLocalizedTextInputDto)
  title?: ShortLocalizedTextInputDto;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale' })
  @IsOptional() @IsIn(LOCALES)
  language?: Locale;

  @ApiPropertyOptional({ enum: TARGET_GROUPS, enumName: 'TargetGroup', isArray: true, minItems: 1, maxItems: 5 })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(5) @ArrayUnique() @IsIn(TARGET_GROUPS, { each: true })
  targetGroups?: TargetGroup[];

  @ApiPropertyOptional({ enum: COURSE_FORMATS, enumName: 'CourseFormat' })
  @IsOptional() @IsIn(COURSE_FORMATS)
  format?: CourseFormat;
}

export class CourseIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId: string;
}

export class ListStudioCoursesQueryDto {
  @ApiPropertyOptional({ enum: COURSE_STATUSES, enumName: 'CourseStatus' })
  @IsOptional() @IsIn(COURSE_STATUSES)
  status?: CourseStatus;
}

/** Course text as stored: the course's own language is always there; Thai only for Thai-taught courses and translations. */
export class LocalizedTextOutDto {
  @ApiPropertyOptional() th?: string;
  @ApiPropertyOptional() en?: string;
  @ApiPropertyOptional() vi?: string;
}

export class StudioCourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalizedTextOutDto }) title: LocalizedTextOutDto;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) language: Locale;
  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' }) format: CourseFormat;
  @ApiProperty({ enum: COURSE_STATUSES, enumName: 'CourseStatus' }) status: CourseStatus;
  @ApiProperty({ type: Number, nullable: true }) publishedVersion: number | null;
  @ApiProperty({ enum: ['owner', 'co_instructor', 'admin'], description: 'Why the caller may edit it' }) myRole: 'owner' | 'co_instructor' | 'admin';
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class StudioCourseListDto {
  @ApiProperty({ type: [StudioCourseSummaryDto] }) items: StudioCourseSummaryDto[];
}

export class StudioCourseDto extends StudioCourseSummaryDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: LocalizedTextOutDto }) summary: LocalizedTextOutDto;
  @ApiProperty({ type: LocalizedTextOutDto, description: 'Markdown, as stored (cleaned)' }) description: LocalizedTextOutDto;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup', isArray: true }) targetGroups: TargetGroup[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) categoryId: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) coverMediaId: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enrollmentOpensAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enrollmentClosesAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) learningHours: number | null;
  @ApiProperty() sequential: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of sessions to attend for completion; null = every required session' }) completionAttendancePercent: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'First publish' }) publishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt: string | null;
  @ApiProperty({ description: 'Send back with the next PATCH or outline PUT' }) draftRevision: number;
  @ApiProperty({ description: 'The draft differs from what learners see (always true before the first publish)' }) hasUnpublishedChanges: boolean;
  @ApiProperty({ type: [StudioModuleDto], description: 'Live modules and lessons in order' }) modules: StudioModuleDto[];
}

export class PublisherDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class CourseVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: PublisherDto, nullable: true, description: 'Null once the account was erased' }) publishedBy: PublisherDto | null;
}

export class CourseVersionListDto {
  @ApiProperty({ type: [CourseVersionDto], description: 'Newest first' }) items: CourseVersionDto[];
}
