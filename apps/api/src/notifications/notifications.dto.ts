import { NOTIFICATION_TYPES, type NotificationType } from '@baanrian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class NotificationListQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

export class NotificationIdParamsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES, enumName: 'NotificationType' }) type: NotificationType;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Ids and titles at the time (courseId, courseTitle, lessonId, lessonTitle, startsAt…); the portal words it in the reader\'s language',
  })
  data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first' }) items: NotificationDto[];
  @ApiProperty({ description: 'Unread notifications in the whole list' }) unread: number;
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class NotificationsReadDto {
  @ApiProperty({ description: 'Unread notifications left' }) unread: number;
}
