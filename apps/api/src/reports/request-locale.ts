import { negotiateLocale } from '@baanrian/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The request's language from Accept-Language (th when absent); not a documented parameter, as for problems. */
export const RequestLocale = createParamDecorator((_data: unknown, context: ExecutionContext) => negotiateLocale(context.switchToHttp().getRequest<Request>().header('accept-language')));
