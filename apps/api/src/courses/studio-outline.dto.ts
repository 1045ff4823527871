import { LESSON_TYPES, type LessonContent, type LessonType } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const CONTENT_DESCRIPTION =
  'Fields by lesson type (LessonContentByType): text {body}; video {source: upload, mediaId | source: url, url; captions [{language, label, mediaId}], transcript}; ' +
  'file {mediaId, description}; link {url, description}; live_session {meetingUrl, startsAt, endsAt}; ' +
  'onsite_session {venue, address, mapUrl, startsAt, endsAt, capacity}; quiz {quizId}';

export class ModuleIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() moduleId: string;
}

export class LessonIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lessonId: string;
}

export class CreateModuleDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
}

export class UpdateModuleDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
}

class LessonFieldsDto {
  @ApiPropertyOptional({ default: true, description: 'Optional lessons do not count towards completion' })
  @IsOptional() @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 10000, nullable: true, description: 'Estimated minutes' })
  @IsOptional() @IsInt() @Min(1) @Max(10000)
  durationMinutes?: number | null;
}

export class CreateLessonDto extends LessonFieldsDto {
  @ApiProperty({ enum: LESSON_TYPES, enumName: 'LessonType' }) @IsIn(LESSON_TYPES) type: LessonType;
  @ApiProperty({ maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: CONTENT_DESCRIPTION }) @IsObject() content: Record<string, unknown>;
}

export class UpdateLessonDto extends LessonFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `The whole content for the lesson's type. ${CONTENT_DESCRIPTION}` })
  @IsOptional() @IsObject()
  content?: Record<string, unknown>;
}

export class OutlineModuleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ type: [String], format: 'uuid' }) @IsArray() @ArrayMaxSize(500) @ArrayUnique() @IsUUID('all', { each: true }) lessonIds: string[];
}

export class ReorderOutlineDto {
  @ApiProperty() @IsInt() @Min(1) draftRevision: number;
  @ApiProperty({ type: [OutlineModuleDto], description: 'Every live module in its new order, each with every live lesson it should hold, in order' })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OutlineModuleDto)
  modules: OutlineModuleDto[];
}

export class StudioLessonDto {
  @ApiProperty({ format: 'uuid', description: 'Stable across publishes' }) id: string;
  @ApiProperty({ format: 'uuid' }) moduleId: string;
  @ApiProperty({ enum: LESSON_TYPES, enumName: 'LessonType' }) type: LessonType;
  @ApiProperty() title: string;
  @ApiProperty() required: boolean;
  @ApiProperty() position: number;
  @ApiProperty({ type: Number, nullable: true }) durationMinutes: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: CONTENT_DESCRIPTION }) content: LessonContent;
}

export class StudioModuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: [StudioLessonDto] }) lessons: StudioLessonDto[];
}
