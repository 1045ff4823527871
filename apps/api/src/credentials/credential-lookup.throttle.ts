import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { clientIp } from '../accounts/auth.controller';
import type { RateLimitPolicy } from '../accounts/rate-limit.policies';
import { RateLimitService } from '../accounts/rate-limit.service';

/**
 * Per client address, across verification, the JSON/JWT downloads and the PDF: 60 requests pass,
 * then each must wait 1 s, 2 s, 4 s … up to a minute; a minute without requests forgets the
 * address. A person checking certificates (or a school office checking a class's worth) never
 * meets it; a script walking codes does, and a proof check (~80 ms of CPU when not yet cached)
 * cannot be asked for in bulk. The budget is shared, so switching endpoints gains nothing.
 */
export const CREDENTIAL_LOOKUP_RATE_LIMIT: RateLimitPolicy = { name: 'credential-lookup:ip', free: 60, baseMs: 1_000, maxMs: 60_000, windowMs: 60_000 };

/** Counts the request against the caller's address; 429 problem+json with Retry-After when it must wait. */
@Injectable()
export class CredentialLookupThrottle implements CanActivate {
  constructor(private readonly rateLimits: RateLimitService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const ip = clientIp(context.switchToHttp().getRequest<Request>());
    await this.rateLimits.consume([{ policy: CREDENTIAL_LOOKUP_RATE_LIMIT, subject: ip }]);
    return true;
  }
}

/** Rate-limits a credential lookup or download per client (see CREDENTIAL_LOOKUP_RATE_LIMIT). */
export function ThrottleCredentialLookups(): MethodDecorator {
  return applyDecorators(
    UseGuards(CredentialLookupThrottle),
    ApiTooManyRequestsResponse({ description: 'TOO_MANY_REQUESTS: too many lookups from this address; wait for Retry-After seconds (problem+json)' }),
  );
}
