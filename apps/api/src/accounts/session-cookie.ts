import type { AppConfig } from '@baanrian/config';
import type { CookieOptions, Request, Response } from 'express';
import type { IssuedRefreshToken } from './refresh-token.service';

export const REFRESH_COOKIE = 'baanrian_refresh';

/** Sent only to the auth endpoints, never readable by scripts, never sent cross-site. */
function cookieOptions(config: AppConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: config.http.publicUrl.startsWith('https:'), path: '/api/v1/auth' };
}

export function setRefreshCookie(res: Response, config: AppConfig, refresh: IssuedRefreshToken): void {
  res.cookie(REFRESH_COOKIE, refresh.token, { ...cookieOptions(config), expires: refresh.expiresAt });
}

export function clearRefreshCookie(res: Response, config: AppConfig): void {
  res.clearCookie(REFRESH_COOKIE, cookieOptions(config));
}

export function readRefreshCookie(req: Request): string | null {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
}
