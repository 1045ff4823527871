import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { withoutVisitorIdentity } from '../reach/reach-log';
import { withoutLinkToken } from '../report-exports/report-export.link';

/** Structured JSON logs, one line per request, tagged with the request id. */
@Module({
  imports: [
    PinoLoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // Express 5 path syntax; the library's default '*' triggers a deprecation warning.
        forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.log.level,
          base: { service: 'api' },
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
          customAttributeKeys: { reqId: 'requestId' },
          // The reach beacon's lines carry no address or user agent (see reach-log.ts), and a
          // download link's line not its token (report-export.link.ts).
          serializers: { req: (req: Parameters<typeof withoutVisitorIdentity>[0]) => withoutLinkToken(withoutVisitorIdentity(req)) },
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/api/v1/health') ?? false },
        },
      }),
    }),
  ],
})
export class LoggerModule {}
