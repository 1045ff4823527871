import {
  COURSE_FORMATS,
  type CourseFormat,
  ENROLLMENT_CHANNELS,
  ENROLLMENT_SOURCES,
  ENROLLMENT_STATUSES,
  type EnrollmentChannel,
  type EnrollmentSource,
  type EnrollmentStatus,
  TARGET_GROUPS,
  type TargetGroup,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { LocalizedTextOutDto } from '../courses/studio-course.dto';

export class CourseIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId: string;
}

export class ImportIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() importId: string;
}

export class EnrollDto {
  @ApiPropertyOptional({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel', description: 'Blended courses only let the learner choose; default: the format\'s channel' })
  @IsOptional() @IsIn(ENROLLMENT_CHANNELS)
  channel?: EnrollmentChannel;

  @ApiPropertyOptional({ format: 'uuid', description: 'A child of the caller (guardian), with consent for learning' })
  @IsOptional() @IsUUID()
  forUserId?: string;
}

export class ForUserQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A child of the caller (guardian)' })
  @IsOptional() @IsUUID()
  forUserId?: string;
}

export class EnrollmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' }) status: EnrollmentStatus;
  @ApiProperty({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel' }) channel: EnrollmentChannel;
  @ApiProperty({ enum: ENROLLMENT_SOURCES, enumName: 'EnrollmentSource' }) source: EnrollmentSource;
  @ApiProperty({ type: Number, nullable: true, description: '1 = next to get a seat; null unless waitlisted' }) waitlistPosition: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) activatedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

export class SeatsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) capacity: number | null;
  @ApiProperty() taken: number;
  @ApiProperty() waitlisted: number;
}

export class MyEnrollmentStateDto {
  @ApiProperty({ type: EnrollmentDto, nullable: true }) enrollment: EnrollmentDto | null;
  @ApiProperty({ type: SeatsDto }) seats: SeatsDto;
  @ApiProperty({ description: 'New enrolments accepted now (published, inside the window)' }) open: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt: string | null;
  @ApiProperty({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel', isArray: true, description: 'Channels the learner may choose' }) channels: EnrollmentChannel[];
}

export class MyEnrollmentsQueryDto {
  @ApiPropertyOptional({ description: "Also the caller's children's enrolments" })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  includeChildren?: boolean;
}

export class EnrollmentSummaryDto {
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'The learner (the caller or one of their children)' }) learnerName: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: LocalizedTextOutDto }) title: LocalizedTextOutDto;
  @ApiProperty({ enum: COURSE_FORMATS, enumName: 'CourseFormat' }) format: CourseFormat;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' }) status: EnrollmentStatus;
  @ApiProperty({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel' }) channel: EnrollmentChannel;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startsAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

export class RosterQueryDto {
  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' })
  @IsOptional() @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;

  @ApiPropertyOptional({ maxLength: 100, description: 'Name, email or account code' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class RosterItemDto {
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() accountCode: string;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup' }) targetGroup: TargetGroup;
  @ApiProperty({ type: String, nullable: true }) district: string | null;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, enumName: 'EnrollmentStatus' }) status: EnrollmentStatus;
  @ApiProperty({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel' }) channel: EnrollmentChannel;
  @ApiProperty({ enum: ENROLLMENT_SOURCES, enumName: 'EnrollmentSource' }) source: EnrollmentSource;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RosterPageDto {
  @ApiProperty({ type: RosterItemDto, isArray: true }) items: RosterItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AddLearnerDto {
  @ApiProperty({ maxLength: 320, description: 'Email address or account code (BR-…)' })
  @IsString() @MaxLength(320)
  identifier: string;

  @ApiPropertyOptional({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel' })
  @IsOptional() @IsIn(ENROLLMENT_CHANNELS)
  channel?: EnrollmentChannel;
}

export class ImportRejectionDto {
  @ApiProperty({ description: 'Line of the file (1 = header)' }) line: number;
  @ApiProperty({ description: 'The email or account code on that line, as written' }) identifier: string;
  @ApiProperty({ enum: ['UNKNOWN_ACCOUNT', 'DUPLICATE_ROW', 'MISSING_IDENTIFIER', 'INVALID_CHANNEL', 'INVALID_ENCODING', 'UNKNOWN_COLUMNS'], enumName: 'EnrollmentImportReason' })
  reason: string;
  @ApiProperty({ description: "The reason in the caller's language" }) message: string;
}

export class ImportAcceptedRowDto {
  @ApiProperty() line: number;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() accountCode: string;
  @ApiProperty({ enum: ENROLLMENT_CHANNELS, enumName: 'EnrollmentChannel' }) channel: EnrollmentChannel;
}

export class ImportResultDto {
  @ApiProperty() enrolled: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty({ description: 'Accepted rows whose learner was already enrolled or waiting' }) alreadyEnrolled: number;
}

export class EnrollmentImportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ enum: ['preview', 'confirmed'] }) status: 'preview' | 'confirmed';
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'Data rows in the file (header excluded)' }) totalRows: number;
  @ApiProperty() accepted: number;
  @ApiProperty({ type: ImportRejectionDto, isArray: true }) rejected: ImportRejectionDto[];
  @ApiProperty({ type: ImportAcceptedRowDto, isArray: true, description: 'The first 20 accepted rows' }) acceptedPreview: ImportAcceptedRowDto[];
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: ImportResultDto, nullable: true }) result: ImportResultDto | null;
}
