import { COURSE_FORMATS, type CourseFormat, LESSON_TYPES, LOCALES, type LessonType, type Locale, TARGET_GROUPS, type TargetGroup } from '@baanrian/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextOutDto } from './studio-course.dto';

/**
 * A lesson on the public course page: what someone deciding to enrol needs. Bodies, files, video
 * and meeting URLs are for enrolled learners (issue 7) and never appear here.
 */
export class CoursePageLessonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LESSON_TYPES, enumName: 'LessonType' }) type: LessonType;
  @ApiProperty() title: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: Number, nullable: true }) durationMinutes: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Sessions only' }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Sessions only' }) endsAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Onsite sessions only' }) venue: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Onsite sessions only' }) address: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Onsite sessions only' }) mapUrl: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A text lesson rendered as sanitised HTML, in a studio preview only (never on the public page: lesson bodies are for enrolled learners)',
  })
  bodyHtml: string | null;
}

export class CoursePageModuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [CoursePageLessonDto] }) lessons: CoursePageLessonDto[];
}

/**
 * The public course page (GET /catalog/{slug}) and the studio preview (built from the draft):
 * one shape, made by `buildCoursePage`, so the preview shows exactly what learners will see.
 */
export class CoursePageDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() slug: string;
  @ApiProperty({ description: 'The published version shown; for a preview, the version the next publish would make' }) version: number;
  @ApiProperty({ description: 'Built from the unpublished draft (studio preview)' }) preview: boolean;
  @ApiProperty({ type: LocalizedTextOutDto }) title: LocalizedTextOutDto;
  @ApiProperty({ type: LocalizedTextOutDto }) summary: LocalizedTextOutDto;
  @ApiProperty({ type: LocalizedTextOutDto, description: 'Sanitised HTML rendered from the Markdown description, per language' }) descriptionHtml: LocalizedTextOutDto;
  @ApiProperty({ enum: LOCALES, enumName: 'Locale' }) language: Locale;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup', isArray: true }) targetGroups: TargetGroup[];
  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' }) format: CourseFormat;
  @ApiProperty({ type: String, nullable: true }) categorySlug: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) coverMediaId: string | null;
  @ApiProperty({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enrollmentOpensAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) enrollmentClosesAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) learningHours: number | null;
  @ApiProperty() sequential: boolean;
  @ApiProperty({ description: 'Thai fiscal year (Buddhist Era) of the start date, or of the first publish when undated', example: 2568 }) fiscalYear: number;
  @ApiProperty({ type: [String], description: 'Display names: the owner first, then co-instructors' }) instructors: string[];
  @ApiProperty({ format: 'date-time', description: 'When this version was published (for a preview: now)' }) publishedAt: string;
  @ApiProperty({ type: [CoursePageModuleDto] }) modules: CoursePageModuleDto[];
}
