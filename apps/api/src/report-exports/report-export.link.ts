import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A download link works this long: enough for a browser to start it, short for a URL that may end up in a history or a log. */
export const EXPORT_LINK_SECONDS = 120;

export interface ExportLinkClaims {
  userId: string;
  follow: boolean;
}

const TOKEN = /^([0-9a-f-]{36})\.([01])\.(\d{10})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signed download links for report exports, so that a browser downloads a file itself (to disk,
 * with its own progress and no copy in the page's memory) without the access token, which only
 * travels in a header. A token is HMAC(key, export id, user id, follow, expiry) with a key derived
 * from the instance secret for this purpose only; nothing is stored. It names one export and its
 * requester, and the download checks again that the export is theirs and that they may sign in.
 */
@Injectable()
export class ReportExportLinks {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.security.appSecret).update('baanrian:report-export:download-link').digest();
  }

  sign(exportId: string, claims: ExportLinkClaims, now = new Date()): { token: string; expiresAt: Date } {
    const expires = Math.floor(now.getTime() / 1000) + EXPORT_LINK_SECONDS;
    const body = `${claims.userId}.${claims.follow ? 1 : 0}.${expires}`;
    return { token: `${body}.${this.mac(exportId, body)}`, expiresAt: new Date(expires * 1000) };
  }

  /** The claims of a token for this export that is genuine and not past its time, else null. */
  verify(exportId: string, token: string, now = new Date()): ExportLinkClaims | null {
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, userId, follow, expires, mac] = match;
    const body = `${userId}.${follow}.${expires}`;
    const expected = Buffer.from(this.mac(exportId, body));
    if (!timingSafeEqual(expected, Buffer.from(mac))) return null;
    if (Number(expires) * 1000 <= now.getTime()) return null;
    return { userId, follow: follow === '1' };
  }

  private mac(exportId: string, body: string): string {
    return createHmac('sha256', this.key).update(`${exportId}.${body}`).digest('base64url');
  }
}

/** The access log's URL of a download link, without its token. */
export function withoutLinkToken<T extends { url?: string }>(req: T): T {
  if (!req.url?.includes('/reports/exports/') || !req.url.includes('token=')) return req;
  return { ...req, url: req.url.replace(/([?&]token=)[^&]*/, '$1[redacted]') };
}
