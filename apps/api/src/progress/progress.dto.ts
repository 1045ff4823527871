import { COURSE_FORMATS, type CourseFormat, ENROLLMENT_CHANNELS, ENROLLMENT_STATUSES, type EnrollmentChannel, type EnrollmentStatus } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CoursePageLessonDto } from '../courses/course-page.dto';
import { LocalizedTextOutDto } from '../courses/studio-course.dto';

export const LESSON_STATES = ['not_started', 'in_progress', 'completed'] as const;
export type LessonState = (typeof LESSON_STATES)[number];

export class LessonIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lessonId: string;
}

export class PlayerCourseParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId: string;
}

export class UpdateLessonProgressDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Share watched or read; a lower value than stored is ignored' })
  @IsOptional() @IsInt() @Min(0) @Max(100)
  percent?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Where a video resumes' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  positionSeconds?: number;

  @ApiPropertyOptional({ description: 'Mark as done (text, file, link); a video completes at 90 % watched' })
  @IsOptional() @IsBoolean()
  completed?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it happened, for updates queued offline: an older one never moves the resume position back' })
  @IsOptional() @IsDateString({ strict: true })
  occurredAt?: string;
}

export class LessonProgressDto {
  @ApiProperty({ enum: LESSON_STATES, enumName: 'LessonProgressState' }) status: LessonState;
  @ApiProperty() percent: number;
  @ApiProperty({ type: Number, nullable: true }) positionSeconds: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

export class LessonProgressResultDto {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ type: LessonProgressDto }) progress: LessonProgressDto;
  @ApiProperty() courseProgressPercent: number;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' }) enrollmentStatus: EnrollmentStatus;
}

export class PlayerCaptionDto {
  @ApiProperty() language: string;
  @ApiProperty() label: string;
  @ApiProperty({ format: 'uuid' }) mediaId: string;
}

/** What a lesson holds, for enrolled learners; fields not of the lesson's type are null. */
export class PlayerLessonContentDto {
  @ApiProperty({ type: String, nullable: true, description: 'Text lessons: the body as sanitised HTML' }) bodyHtml: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['upload', 'url'], description: 'Video lessons' }) videoSource: 'upload' | 'url' | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Uploaded video, or the file of a file lesson' }) mediaId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Video by URL, or a link lesson' }) url: string | null;
  @ApiProperty({ type: [PlayerCaptionDto] }) captions: PlayerCaptionDto[];
  @ApiProperty({ type: String, nullable: true }) transcript: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'File and link lessons' }) description: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Live sessions, only from 15 minutes before the start until the end' }) meetingUrl: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) quizId: string | null;
}

export class PlayerLessonDto extends CoursePageLessonDto {
  @ApiProperty({ description: 'Sequential course: an earlier required lesson is not done yet' }) locked: boolean;
  @ApiProperty({ type: LessonProgressDto }) progress: LessonProgressDto;
  @ApiProperty({ type: PlayerLessonContentDto, nullable: true, description: 'Null while locked' }) content: PlayerLessonContentDto | null;
}

export class PlayerModuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [PlayerLessonDto] }) lessons: PlayerLessonDto[];
}

export class CompletionRuleDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Share of sessions to attend; null = every required session' }) attendancePercent: number | null;
}

export class PlayerCourseInfoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalizedTextOutDto }) title: LocalizedTextOutDto;
  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' }) format: CourseFormat;
  @ApiProperty() sequential: boolean;
  @ApiProperty({ type: CompletionRuleDto }) completionRule: CompletionRuleDto;
}

export class PlayerEnrollmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' }) status: EnrollmentStatus;
  @ApiProperty({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel' }) channel: EnrollmentChannel;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

export class CompletionStateDto {
  @ApiProperty() met: boolean;
  @ApiProperty() requiredDone: number;
  @ApiProperty() requiredTotal: number;
  @ApiProperty({ type: Number, nullable: true }) attendancePercent: number | null;
  @ApiProperty({ type: Number, nullable: true }) requiredAttendancePercent: number | null;
}

export class PlayerCourseDto {
  @ApiProperty({ type: PlayerCourseInfoDto }) course: PlayerCourseInfoDto;
  @ApiProperty({ type: PlayerEnrollmentDto, nullable: true, description: 'Null for an instructor looking at the course' }) enrollment: PlayerEnrollmentDto | null;
  @ApiProperty({ type: [PlayerModuleDto] }) modules: PlayerModuleDto[];
  @ApiProperty() progressPercent: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) nextLessonId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The lesson to resume (last one in progress), else the next' }) resumeLessonId: string | null;
  @ApiProperty({ type: CompletionStateDto }) completion: CompletionStateDto;
}

export class NextSessionDto {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['live_session', 'onsite_session'] }) type: 'live_session' | 'onsite_session';
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
}

export class MyLearningCourseDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalizedTextOutDto }) title: LocalizedTextOutDto;
  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' }) format: CourseFormat;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' }) enrollmentStatus: EnrollmentStatus;
  @ApiProperty() progressPercent: number;
  @ApiProperty({ type: NextSessionDto, nullable: true }) nextSession: NextSessionDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resumeLessonId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Waitlisted: place in the queue (1 = next)' }) waitlistPosition: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

export class MyLearningSectionsDto {
  @ApiProperty({ type: [MyLearningCourseDto], description: 'Active enrolments, next session first' }) current: MyLearningCourseDto[];
  @ApiProperty({ type: [MyLearningCourseDto] }) waitlisted: MyLearningCourseDto[];
  @ApiProperty({ type: [MyLearningCourseDto], description: 'Most recently completed first' }) completed: MyLearningCourseDto[];
}

export class ChildLearningDto extends MyLearningSectionsDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class MyLearningDto extends MyLearningSectionsDto {
  @ApiProperty({ type: [ChildLearningDto], description: 'A guardian\'s children, each with the same sections' }) children: ChildLearningDto[];
}

export class StudioProgressQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class LearnerProgressDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' }) status: EnrollmentStatus;
  @ApiProperty() progressPercent: number;
  @ApiProperty() completedLessons: number;
  @ApiProperty() attendedSessions: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

export class LessonCompletionCountDto {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty() title: string;
  @ApiProperty() type: string;
  @ApiProperty() required: boolean;
  @ApiProperty({ description: 'Learners who completed it (sessions: attended)' }) completed: number;
  @ApiProperty({ description: 'Learners who started but did not finish' }) inProgress: number;
}

export class StudioCourseProgressDto {
  @ApiProperty({ description: 'Learners holding a seat (active or completed)' }) learners: number;
  @ApiProperty() completed: number;
  @ApiProperty({ type: [LearnerProgressDto] }) items: LearnerProgressDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ type: [LessonCompletionCountDto] }) lessons: LessonCompletionCountDto[];
}
