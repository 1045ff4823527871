import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { SessionDto } from './account.dto';
import { ChildrenService } from './children.service';
import { ChildDto, CreateChildDto, IdParamsDto, UpdateChildDto } from './privacy.dto';


@ApiTags('me')
@Controller('me/children')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  @Get()
  @Auth({ can: ['read', 'Child'] })
  @ApiOperation({ operationId: 'listChildren', summary: 'Your child profiles' })
  @ApiOkResponse({ type: ChildDto, isArray: true })
  list(@CurrentUser() user: AuthUser): Promise<ChildDto[]> {
    return this.children.list(user);
  }

  @Post()
  @Auth({ can: ['create', 'Child'] })
  @ApiOperation({ operationId: 'createChild', summary: "Create a child profile with the guardian's consent (recorded together)" })
  @ApiCreatedResponse({ type: ChildDto })
  @ApiBadRequestResponse({ description: 'CONSENT_REQUIRED, CHILD_AGE_OUT_OF_RANGE or VALIDATION_FAILED (problem+json)' })
  @ApiConflictResponse({ description: 'CONSENT_POLICY_OUTDATED or TOO_MANY_CHILDREN (problem+json)' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateChildDto): Promise<ChildDto> {
    return this.children.create(user, dto);
  }

  @Patch(':id')
  @Auth({ can: ['update', 'Child'] })
  @ApiOperation({ operationId: 'updateChild', summary: "Change a child's name or birth year (the target group follows)" })
  @ApiOkResponse({ type: ChildDto })
  update(@Param() params: IdParamsDto, @CurrentAbility() ability: AppAbility, @Body() dto: UpdateChildDto): Promise<ChildDto> {
    return this.children.update(ability, params.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ can: ['delete', 'Child'] })
  @ApiOperation({ operationId: 'deleteChild', summary: "Erase a child profile (personal data at once; anonymous counts kept)" })
  @ApiNoContentResponse()
  async remove(@Param() params: IdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<void> {
    await this.children.remove(ability, user, params.id);
  }

  @Post(':id/switch')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Auth({ can: ['switchTo', 'Child'] })
  @ApiOperation({ operationId: 'switchToChild', summary: 'Act as your child: a session whose token says sub = child, act.sub = you' })
  @ApiOkResponse({ type: SessionDto })
  @ApiForbiddenResponse({ description: "CONSENT_WITHDRAWN: the child's learning consent was withdrawn (problem+json)" })
  switchTo(@Param() params: IdParamsDto, @CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<SessionDto> {
    return this.children.switchTo(ability, user, params.id);
  }
}

@ApiTags('auth')
@Controller('auth')
export class SwitchBackController {
  constructor(private readonly children: ChildrenService) {}

  @Post('switch-back')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Auth()
  @ApiOperation({ operationId: 'switchBack', summary: "Leave a child's profile and return to the guardian's own session" })
  @ApiOkResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'NOT_ACTING: this session is not acting as a child (problem+json)' })
  switchBack(@CurrentUser() user: AuthUser): Promise<SessionDto> {
    return this.children.switchBack(user);
  }
}
