import {
  ATTENDANCE_METHODS,
  ATTENDANCE_STATUSES,
  type AttendanceMethod,
  type AttendanceStatus,
  DISPLAY_NAME_MAX_LENGTH,
  ENROLLMENT_SOURCES,
  type EnrollmentSource,
  LOCALES,
  type Locale,
  TARGET_GROUPS,
  type TargetGroup,
} from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ProfileFieldsDto } from '../accounts/account.dto';
import { SignInCardDto } from '../accounts/assisted.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SESSION_TYPES = ['live_session', 'onsite_session'] as const;

export class SessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SESSION_TYPES }) type: (typeof SESSION_TYPES)[number];
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'Onsite sessions only' }) venue: string | null;
  @ApiProperty({ description: 'Learners holding a seat (active or completed)' }) enrolled: number;
  @ApiProperty() present: number;
  @ApiProperty() absent: number;
  @ApiProperty({ description: 'Added at the door (included in present)' }) walkIns: number;
}

export class RosterSessionDto {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SESSION_TYPES }) type: (typeof SESSION_TYPES)[number];
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: String, nullable: true }) venue: string | null;
}

export class RosterEntryDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() accountCode: string;
  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup', nullable: true }) targetGroup: TargetGroup | null;
  @ApiProperty({ enum: ENROLLMENT_SOURCES, enumName: 'EnrollmentSource' }) source: EnrollmentSource;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, enumName: 'AttendanceStatus', nullable: true, description: 'null: not marked yet' })
  status: AttendanceStatus | null;
  @ApiProperty({ enum: ATTENDANCE_METHODS, enumName: 'AttendanceMethod', nullable: true }) method: AttendanceMethod | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) recordedAt: string | null;
}

export class RosterDto {
  @ApiProperty({ type: RosterSessionDto }) session: RosterSessionDto;
  @ApiProperty({ type: [RosterEntryDto] }) items: RosterEntryDto[];
}

export class AttendanceMarkDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, enumName: 'AttendanceStatus' }) @IsIn(ATTENDANCE_STATUSES) status: AttendanceStatus;
}

export class MarkAttendanceDto {
  @ApiProperty({ type: [AttendanceMarkDto], minItems: 1, maxItems: 2000, description: 'The last mark for a person wins' })
  @ValidateNested({ each: true }) @Type(() => AttendanceMarkDto) @ArrayMinSize(1) @ArrayMaxSize(2000)
  marks: AttendanceMarkDto[];
}

export class CheckInCodeDto {
  @ApiProperty({ description: 'What the QR code holds: the portal page that checks the learner in', example: 'https://learn.example.org/check-in/5b7…?c=7K3M9XQA' })
  url: string;
  @ApiProperty({ example: '7K3M9XQA', description: 'Can also be typed on the check-in page' }) code: string;
  @ApiProperty({ description: 'The QR code of url, an SVG document' }) svg: string;
  @ApiProperty({ format: 'date-time', description: 'When the screen shows the next code' }) rotatesAt: string;
  @ApiProperty({ format: 'date-time', description: 'When this code stops being accepted (one window after it is replaced)' }) expiresAt: string;
  @ApiProperty({ example: 30 }) rotatesEverySeconds: number;
  @ApiProperty({ format: 'date-time', description: 'Check-in opens (30 minutes before the start)' }) opensAt: string;
  @ApiProperty({ format: 'date-time', description: 'Check-in closes (the end of the session)' }) closesAt: string;
}

export class CheckInDto {
  @ApiProperty({ maxLength: 20, example: '7K3M9XQA', description: 'Case, spaces and dashes do not matter' })
  @IsString() @MinLength(1) @MaxLength(20)
  code: string;
}

export class CheckInResultDto {
  @ApiProperty({ enum: ['present'] }) status: 'present';
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ description: 'The learner was already checked in: nothing changed' }) alreadyCheckedIn: boolean;
}

export class JoinResultDto extends CheckInResultDto {
  @ApiProperty({ description: 'The meeting link; given only in the join window' }) meetingUrl: string;
}

export class CreateWalkInDto extends PickType(ProfileFieldsDto, ['phone', 'province', 'district'] as const) {
  @ApiProperty({ minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH, example: 'บุญมี ศรีสุข' })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(DISPLAY_NAME_MAX_LENGTH)
  displayName: string;

  @ApiProperty({ enum: TARGET_GROUPS, enumName: 'TargetGroup' })
  @IsIn(TARGET_GROUPS)
  targetGroup: TargetGroup;

  @ApiPropertyOptional({ enum: LOCALES, enumName: 'Locale', default: 'th' })
  @IsOptional() @IsIn(LOCALES)
  preferredLocale?: Locale;
}

export class WalkInDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'BR-48217' }) accountCode: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({
    type: SignInCardDto,
    description: 'The sign-in card to hand over: with the account code and one-time code the person signs in, or claims the history for an account of their own',
  })
  card: SignInCardDto;
}

export class WalkInClaimDto {
  @ApiProperty({ example: 'BR-48217', maxLength: 32 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(32)
  accountCode: string;

  @ApiProperty({ maxLength: 128, description: 'The one-time code on the walk-in card, or the PIN chosen with it' })
  @IsString() @MinLength(1) @MaxLength(128)
  pin: string;
}

export class WalkInClaimResultDto {
  @ApiProperty({ description: 'Enrolments moved to the caller as they were' }) movedEnrollments: number;
  @ApiProperty({ description: 'Enrolments merged into one the caller already had in the same course' }) mergedEnrollments: number;
  @ApiProperty({ description: 'Attendance records now the caller\'s' }) attendance: number;
  @ApiProperty({ type: [String], format: 'uuid' }) courseIds: string[];
}

export class SessionsCalendarQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Also the sessions of the caller\'s children' })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean()
  includeChildren?: boolean;
}
