import { type Locale, negotiateLocale } from '@baanrian/contracts';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDependencyUnavailable } from '@baanrian/db';
import { DomainException, ValidationException } from './domain.exception';
import { FIELD_MESSAGES, PROBLEM_TITLES, interpolate } from './problem.messages';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

interface Problem {
  status: number;
  code: string;
  params?: Record<string, string | number>;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  errors?: { field: string; message: string }[];
}

/**
 * Turns every error into an RFC 9457 `application/problem+json` document in the caller's
 * language. Unexpected errors are logged in full and answered with a generic 500: a stack trace
 * never leaves the server.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const locale = negotiateLocale(req.header('accept-language'));
    const problem = this.toProblem(exception, locale);
    // Domain exceptions are expected outcomes (e.g. not ready yet); only surprises deserve a stack in the log.
    // An outage of PostgreSQL or Redis is one line per request: the readiness check names it.
    if (problem.code === 'SERVICE_UNAVAILABLE') {
      this.logger.warn({ requestId: req.id, reason: (exception as Error)?.message }, 'dependency unavailable');
    } else if (problem.status >= 500 && !(exception instanceof DomainException)) {
      this.logger.error({ err: exception, requestId: req.id }, 'request failed');
    }
    for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
    const title = PROBLEM_TITLES[problem.code]?.[locale] ?? PROBLEM_TITLES[CODE_BY_STATUS[problem.status] ?? 'INTERNAL_ERROR'][locale];
    res
      .status(problem.status)
      .type('application/problem+json')
      .setHeader('Content-Language', locale)
      .json({
        type: `urn:baanrian:problem:${problem.code.toLowerCase().replace(/_/g, '-')}`,
        title: interpolate(title, problem.params ?? {}),
        status: problem.status,
        code: problem.code,
        instance: req.originalUrl,
        requestId: req.id,
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...problem.extensions,
        // Reasons given as codes (e.g. why a course cannot be published) are also sent as sentences.
        ...(Array.isArray(problem.extensions?.reasonCodes)
          ? { reasons: (problem.extensions.reasonCodes as string[]).map((code) => PROBLEM_TITLES[code]?.[locale] ?? code) }
          : {}),
      });
  }

  private toProblem(exception: unknown, locale: Locale): Problem {
    if (exception instanceof ValidationException) {
      return {
        status: HttpStatus.BAD_REQUEST,
        code: 'VALIDATION_FAILED',
        errors: exception.violations.map((v) => ({
          field: v.field,
          message: FIELD_MESSAGES[v.constraint]?.[locale] ?? v.fallback,
        })),
      };
    }
    if (exception instanceof DomainException) {
      return {
        status: exception.status,
        code: exception.code,
        params: exception.params,
        extensions: exception.extensions,
        headers: exception.headers,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST') };
    }
    // body-parser errors (malformed JSON, too large) carry a status but are not HttpExceptions.
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST' };
    }
    if (isDependencyUnavailable(exception)) {
      return { status: HttpStatus.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', headers: { 'Retry-After': '5' } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR' };
  }
}
