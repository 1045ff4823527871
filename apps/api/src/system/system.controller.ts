import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../authz/auth.decorator';
import { SystemPingService } from './system-ping.service';
import { PingDto } from './system.dto';

@ApiTags('system')
@Controller('system/pings')
export class SystemController {
  constructor(private readonly pings: SystemPingService) {}

  /** Administrators only: each ping writes rows and a queued job, so it must not be open to anyone. */
  @Post()
  @Auth({ can: ['create', 'SystemPing'] })
  @HttpCode(202)
  @ApiOperation({ operationId: 'requestPing', summary: 'Send a ping through outbox, queue and worker (administrators)' })
  @ApiAcceptedResponse({ type: PingDto })
  request(): Promise<PingDto> {
    return this.pings.request();
  }

  /** Public: a ping id is random and a ping holds no data beyond its times. */
  @Get(':id')
  @Auth({ public: true })
  @ApiOperation({ operationId: 'getPing', summary: 'A ping and whether the worker has completed it' })
  @ApiOkResponse({ type: PingDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PingDto> {
    return this.pings.get(id);
  }
}
