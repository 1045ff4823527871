import { Body, Controller, Delete, Get, HttpCode, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Auth, CurrentAbility, CurrentUser } from '../authz/auth.decorator';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { AccountDataService } from './account-data.service';
import { EraseAccountDto } from './privacy.dto';

@ApiTags('me')
@Controller('me')
export class AccountDataController {
  constructor(private readonly data: AccountDataService) {}

  @Get('export')
  @Auth({ can: ['export', 'User'] })
  @ApiOperation({ operationId: 'exportMyData', summary: 'Download my data: everything held about you and your children, as a JSON attachment (audited)' })
  @ApiOkResponse({ description: 'JSON document (Content-Disposition: attachment)', schema: { type: 'object', additionalProperties: true } })
  @ApiTooManyRequestsResponse({ description: 'Too many exports: wait for Retry-After seconds (problem+json)' })
  async export(@CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const data = await this.data.export(ability, user);
    res.setHeader('Content-Disposition', `attachment; filename="baanrian-my-data-${new Date().toISOString().slice(0, 10)}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    return data;
  }

  @Delete()
  @HttpCode(204)
  @Auth({ can: ['erase', 'User'] })
  @ApiOperation({ operationId: 'deleteMyAccount', summary: 'Delete my account: personal data (yours and your children\'s) erased at once, anonymous counts kept' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'LAST_ADMIN: make someone else an administrator first (problem+json)' })
  async erase(@CurrentUser() user: AuthUser, @CurrentAbility() ability: AppAbility, @Body() _dto: EraseAccountDto): Promise<void> {
    await this.data.erase(ability, user);
  }
}
