import { COURSE_FORMATS, type CourseFormat, LESSON_TYPES, type LessonType, LOCALES, type Locale, TARGET_GROUPS, type TargetGroup } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LocalizedTextDto } from '../courses/course.dto';

export const CATALOG_SORTS = ['newest', 'starting', 'title', 'relevance'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];
export const CATALOG_MAX_LIMIT = 50;

export class ListCatalogQueryDto {
  @ApiPropertyOptional({ enum: TARGET_GROUPS, enumName: 'TargetGroup' })
  @IsOptional()
  @IsIn(TARGET_GROUPS)
  targetGroup?: TargetGroup;

  @ApiPropertyOptional({ enum: COURSE_FORMATS, enumName: 'CourseFormat' })
  @IsOptional()
  @IsIn(COURSE_FORMATS)
  format?: CourseFormat;

  @ApiPropertyOptional({ description: 'Category slug', example: 'digital-skills' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,80}$/)
  category?: string;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', description: 'The language the course is taught in' })
  @IsOptional()
  @IsIn(LOCALES)
  language?: Locale;

  @ApiPropertyOptional({ description: 'Only courses that have not started yet (a start date from now on)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  upcoming?: boolean;

  @ApiPropertyOptional({ description: 'Thai fiscal year in the Buddhist Era (1 Oct – 30 Sep), e.g. 2569', example: 2569 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2500)
  @Max(2700)
  fiscalYear?: number;

  @ApiPropertyOptional({ description: 'Free text: Thai without spaces, Vietnamese with or without diacritics', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: CATALOG_SORTS, description: 'Default: relevance when `q` is given, else newest' })
  @IsOptional()
  @IsIn(CATALOG_SORTS)
  sort?: CatalogSort;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: CATALOG_MAX_LIMIT, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CATALOG_MAX_LIMIT)
  limit?: number;
}

export class CatalogCourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'lanna-cooking' }) slug: string;
  @ApiProperty({ type: LocalizedTextDto }) title: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) summary: LocalizedTextDto;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale', description: 'The language the course is taught in' }) language: Locale;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup', isArray: true }) targetGroups: TargetGroup[];
  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' }) format: CourseFormat;
  @ApiProperty({ type: String, nullable: true }) categorySlug: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Cover image (media storage), or null' }) coverImageUrl: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enrollmentClosesAt: string | null;
  @ApiProperty({ description: 'Thai fiscal year (Buddhist Era) of the start date, or of the first publish when undated', example: 2569 }) fiscalYear: number;
  @ApiProperty({ type: Number, nullable: true }) learningHours: number | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'First publish' }) publishedAt: string;
}

export class CatalogListDto {
  @ApiProperty({ type: [CatalogCourseSummaryDto] }) items: CatalogCourseSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor: string | null;
}

export class CatalogCategoryDto {
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalizedTextDto }) name: LocalizedTextDto;
}

export class CatalogInstructorDto {
  @ApiProperty() displayName: string;
}

/** A session lesson's time and place. Meeting URLs are for enrolled learners (issue 7), never here. */
export class CatalogSessionDto {
  @ApiProperty({ enum: ['live_session', 'onsite_session'] }) kind: 'live_session' | 'onsite_session';
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'http(s) map link, or null' }) mapUrl: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
}

export class CatalogLessonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LESSON_TYPES, enumName: 'LessonType' }) type: LessonType;
  @ApiProperty() title: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: Number, nullable: true }) durationMinutes: number | null;
  @ApiProperty({ type: CatalogSessionDto, nullable: true }) session: CatalogSessionDto | null;
}

export class CatalogModuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CatalogLessonDto] }) lessons: CatalogLessonDto[];
}

/** The public course page: the published version, without lesson bodies or meeting links. */
export class CatalogCoursePageDto extends CatalogCourseSummaryDto {
  @ApiProperty({ description: 'Published version number' }) version: number;
  @ApiProperty({ type: LocalizedTextDto, description: 'Markdown' }) description: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto, description: 'The description as sanitised HTML' }) descriptionHtml: LocalizedTextDto;
  @ApiProperty({ type: CatalogCategoryDto, nullable: true }) category: CatalogCategoryDto | null;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enrollmentOpensAt: string | null;
  @ApiProperty() sequential: boolean;
  @ApiProperty({ type: [CatalogInstructorDto] }) instructors: CatalogInstructorDto[];
  @ApiProperty({ type: [CatalogModuleDto] }) modules: CatalogModuleDto[];
  @ApiProperty({ type: String, format: 'date-time', description: 'When this version was published' }) updatedAt: string;
}
