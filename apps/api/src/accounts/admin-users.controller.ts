import { Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { AdminUserDto, AdminUserPageDto, AuditPageDto, ListUsersQueryDto, PageQueryDto, UserIdParamsDto, UserRoleParamsDto } from './admin.dto';
import { AdminUsersService } from './admin-users.service';
import { AuditService } from './audit.service';

@ApiTags('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @Auth({ can: ['list', 'User'] })
  @ApiOperation({ operationId: 'listUsers', summary: 'Search users by name, email or account code; filter by role and target group' })
  @ApiOkResponse({ type: AdminUserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<AdminUserPageDto> {
    return this.users.list(query);
  }

  @Put(':id/roles/:role')
  @Auth({ can: ['grantRole', 'User'] })
  @ApiOperation({ operationId: 'grantRole', summary: 'Grant a role (audited; nothing changes if already held)' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND (problem+json)' })
  grantRole(@Param() params: UserRoleParamsDto, @CurrentUser() actor: AuthUser, @CurrentAbility() ability: AppAbility): Promise<AdminUserDto> {
    return this.users.grantRole(ability, actor, params.id, params.role);
  }

  @Delete(':id/roles/:role')
  @Auth({ can: ['grantRole', 'User'] })
  @ApiOperation({ operationId: 'revokeRole', summary: 'Revoke a role (audited); administrators cannot revoke their own admin role' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'SELF_LOCKOUT (problem+json)' })
  revokeRole(@Param() params: UserRoleParamsDto, @CurrentUser() actor: AuthUser, @CurrentAbility() ability: AppAbility): Promise<AdminUserDto> {
    return this.users.revokeRole(ability, actor, params.id, params.role);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Auth({ can: ['disable', 'User'] })
  @ApiOperation({ operationId: 'disableUser', summary: 'Disable a user and end all their sessions at once (audited)' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'SELF_LOCKOUT (problem+json)' })
  disable(@Param() params: UserIdParamsDto, @CurrentUser() actor: AuthUser, @CurrentAbility() ability: AppAbility): Promise<AdminUserDto> {
    return this.users.disable(ability, actor, params.id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Auth({ can: ['disable', 'User'] })
  @ApiOperation({ operationId: 'enableUser', summary: 'Enable a disabled user (audited)' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND (problem+json)' })
  enable(@Param() params: UserIdParamsDto, @CurrentUser() actor: AuthUser, @CurrentAbility() ability: AppAbility): Promise<AdminUserDto> {
    return this.users.enable(ability, actor, params.id);
  }

  @Post(':id/confirm-staff')
  @HttpCode(200)
  @Auth({ can: ['confirmStaff', 'User'] })
  @ApiOperation({ operationId: 'confirmStaff', summary: 'Confirm that a user who chose education staff is staff (audited)' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiNotFoundResponse({ description: 'USER_NOT_FOUND (problem+json)' })
  @ApiConflictResponse({ description: 'STAFF_NOT_REQUESTED (problem+json)' })
  confirmStaff(@Param() params: UserIdParamsDto, @CurrentUser() actor: AuthUser, @CurrentAbility() ability: AppAbility): Promise<AdminUserDto> {
    return this.users.confirmStaff(ability, actor, params.id);
  }
}

@ApiTags('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Auth({ can: ['read', 'AuditLog'] })
  @ApiOperation({ operationId: 'listAudit', summary: "Administrators' actions, newest first" })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() query: PageQueryDto): Promise<AuditPageDto> {
    return this.audit.list(query);
  }
}
