import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../authz/auth.decorator';
import type { AuthUser } from '../authz/authz.types';
import { NotificationDto, NotificationIdParamsDto, NotificationListDto, NotificationListQueryDto, NotificationsReadDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

/** The signed-in person's notification list (waitlist promotion, session reminders, completion). */
@ApiTags('notifications')
@Controller('me/notifications')
@Auth()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ operationId: 'listMyNotifications', summary: 'My notifications, newest first, with the unread count' })
  @ApiOkResponse({ type: NotificationListDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationListQueryDto): Promise<NotificationListDto> {
    return this.notifications.list(user.id, query.cursor);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ operationId: 'readAllMyNotifications', summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: NotificationsReadDto })
  readAll(@CurrentUser() user: AuthUser): Promise<NotificationsReadDto> {
    return this.notifications.markAllRead(user.id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ operationId: 'readMyNotification', summary: 'Mark one of my notifications read' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: 'NOTIFICATION_NOT_FOUND (also for someone else\'s notification)' })
  read(@CurrentUser() user: AuthUser, @Param() params: NotificationIdParamsDto): Promise<NotificationDto> {
    return this.notifications.markRead(user.id, params.id);
  }
}
