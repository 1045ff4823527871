import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

/** Public listings: browsers and proxies may keep them briefly (see the controller). */
export const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';
/** Distinct listings kept; the oldest goes first (a bound against memory growth by odd queries). */
const MAX_ENTRIES = 500;

interface CachedListing {
  expires: number;
  body: Buffer;
  /** The same bytes gzipped once, for the browsers that accept it (all of them). */
  gzipped: Buffer;
  etag: string;
}

const LISTING_PATH = '/api/v1/catalog';

/**
 * The catalog's busiest answers, kept as bytes for `CATALOG_CACHE_SECONDS`, keyed by the exact
 * URL. The controller remembers an answer only after it passed validation and the query ran, so
 * a remembered URL is one that was valid. `handle` then answers it first thing, before request
 * logging, compression, the router and Nest's guards, pipes and serializer (together most of a
 * cheap request's cost), as a reverse-proxy cache in front of the API would: such hits appear in
 * the proxy's access log, not in the API's request log.
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
    const gzipped = gzipSync(body);
    const etag = `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
    this.entries.delete(url);
    this.entries.set(url, { expires: Date.now() + this.ttlMs, body, gzipped, etag });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  lookup(url: string): CachedListing | undefined {
    const entry = this.entries.get(url);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry;
    this.entries.delete(url);
    return undefined;
  }

  /** Express middleware for the top of the stack: answers remembered listings, passes the rest on. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    const url = req.url;
    const listing = req.method === 'GET' && url.startsWith(LISTING_PATH) && (url.length === LISTING_PATH.length || url[LISTING_PATH.length] === '?');
    const hit = listing ? this.lookup(url) : undefined;
    if (!hit) return next();
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', hit.etag);
    if (req.headers['if-none-match'] === hit.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    const body = gzip ? hit.gzipped : hit.body;
    res.setHeader('Content-Length', body.length);
    res.end(body);
  };
}
