import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Body, Controller, Get, Header, Inject, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth } from '../authz/auth.decorator';
import { SessionDto, SetupAdminDto, SetupStatusDto } from './account.dto';
import { setRefreshCookie } from './session-cookie';
import { SetupService } from './setup.service';

@ApiTags('setup')
@Controller('setup')
@Auth({ public: true })
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getSetup', summary: 'Whether the first administrator still has to be created' })
  @ApiOkResponse({ type: SetupStatusDto })
  status(): Promise<SetupStatusDto> {
    return this.setup.status();
  }

  @Post('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ operationId: 'createFirstAdmin', summary: 'Create the first administrator (only while none exists) and sign in' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiConflictResponse({ description: 'SETUP_DONE: an administrator exists; or EMAIL_TAKEN (problem+json)' })
  async createAdmin(@Body() dto: SetupAdminDto, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { session, refresh } = await this.setup.createFirstAdmin(dto);
    setRefreshCookie(res, this.config, refresh);
    return session;
  }
}
