import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash } from 'node:crypto';

/** Public listings: browsers and proxies may keep them briefly (see the controller). */
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';
/** Distinct listings kept; the oldest goes first (a bound against memory growth by odd queries). */
const MAX_ENTRIES = 500;

interface CachedListing {
  expires: number;
  body: Buffer;
  etag: string;
}

/**
 * The catalog's busiest answers, kept as bytes for `CATALOG_CACHE_SECONDS`, keyed by the exact
 * URL. The controller remembers an answer only after it passed validation and the query ran, so
 * a remembered URL is one that was valid; the middleware then answers it before Nest's guards,
 * pipes and serializer (most of a cheap request's cost), like a reverse-proxy cache would.
 */
@Injectable()
export class CatalogResponseCache {
  private readonly entries = new Map<string, CachedListing>();
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ttlMs = config.catalog.cacheSeconds * 1000;
  }

  remember(url: string, answer: unknown): void {
    if (this.ttlMs <= 0) return;
    const body = Buffer.from(JSON.stringify(answer));
    const etag = `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
    this.entries.delete(url);
    this.entries.set(url, { expires: Date.now() + this.ttlMs, body, etag });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  lookup(url: string): CachedListing | undefined {
    const entry = this.entries.get(url);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry;
    this.entries.delete(url);
    return undefined;
  }
}

/** Answers `GET /catalog?…` from CatalogResponseCache when it can; otherwise the controller does. */
@Injectable()
export class CatalogResponseMiddleware implements NestMiddleware {
  constructor(private readonly cache: CatalogResponseCache) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const hit = req.method === 'GET' ? this.cache.lookup(req.originalUrl) : undefined;
    if (!hit) return next();
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    // With the ETag set, Express answers a matching If-None-Match with 304 and no body.
    res.setHeader('ETag', hit.etag);
    res.send(hit.body);
  }
}
