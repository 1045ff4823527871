import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsUUID, MaxLength } from 'class-validator';
import { LocalizedTextOutDto } from './studio-course.dto';

export class InviteInstructorDto {
  @ApiProperty({ format: 'email', maxLength: 254, description: 'An existing account holding the instructor role' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail() @MaxLength(254)
  email: string;
}

export class CourseInstructorParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
}

export class CourseInstructorDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['owner', 'co_instructor'] }) role: 'owner' | 'co_instructor';
  @ApiProperty({ description: 'False while the invitation waits for an answer' }) accepted: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) invitedAt: string | null;
}

export class CourseInstructorListDto {
  @ApiProperty({ type: [CourseInstructorDto] }) items: CourseInstructorDto[];
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty({ type: LocalizedTextOutDto }) courseTitle: LocalizedTextOutDto;
  @ApiProperty({ type: String, nullable: true }) invitedBy: string | null;
  @ApiProperty({ format: 'date-time' }) invitedAt: string;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) items: InvitationDto[];
}
