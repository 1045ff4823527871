import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { MeDto, UpdateMeDto } from './account.dto';
import { ProfileService } from './profile.service';

@ApiTags('me')
@Controller('me')
@Auth()
export class MeController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  get(@CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility): Promise<MeDto> {
    return this.profiles.get(ability, user.id);
  }

  @Patch()
  @ApiOperation({ operationId: 'updateMe', summary: 'Change your own profile; null clears an optional field' })
  @ApiOkResponse({ type: MeDto })
  update(@CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility, @Body() dto: UpdateMeDto): Promise<MeDto> {
    return this.profiles.update(ability, user.id, dto);
  }
}
