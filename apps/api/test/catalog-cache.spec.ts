import { createTestDatabase, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { CatalogCache, catalogCacheKey } from '../src/catalog/catalog.cache';
import { removeFromCatalog } from '../src/catalog/catalog.projection';
import { startApi } from './api-app';
import { publishTestCourse } from './catalog-fixture';

describe('CatalogCache', () => {
  it('answers a repeated key from memory until it expires, then asks again', async () => {
    let now = 0;
    let loads = 0;
    const cache = new CatalogCache<number>(5_000, 10, () => now);
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now = 4_999;
    expect(await cache.get('a', load)).toBe(1);
    now = 5_000;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('runs one query for concurrent misses of the same key', async () => {
    let loads = 0;
    const cache = new CatalogCache<number>(5_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', async () => ++loads)));
    expect(results).toEqual(Array(20).fill(1));
    expect(loads).toBe(1);
  });

  it('never remembers a failure', async () => {
    const cache = new CatalogCache<string>(5_000);
    await expect(cache.get('k', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.get('k', async () => 'back')).toBe('back');
  });

  it('stays within its size, dropping the oldest entry', async () => {
    const cache = new CatalogCache<string>(5_000, 2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'reloaded')).toBe('reloaded');
  });

  it('keys a query by its fields, whatever their order, ignoring absent ones', () => {
    expect(catalogCacheKey({ q: 'ไทย', limit: 20, format: undefined })).toBe(catalogCacheKey({ limit: 20, q: 'ไทย' }));
    expect(catalogCacheKey({ q: 'ไทย' })).not.toBe(catalogCacheKey({ q: 'ไท' }));
  });
});

describe('GET /catalog with the listing cache on (as in production)', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig(database.url);
    ({ app, db } = await startApi({ ...config, catalog: { cacheSeconds: 60 } }));
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('serves a repeated listing from memory and a different one fresh', async () => {
    const course = await publishTestCourse(db, { slug: 'cached-course', title: { th: 'การใช้คอมพิวเตอร์เบื้องต้น' } });
    const first = await request(app.getHttpServer()).get('/api/v1/catalog?q=คอมพิวเตอร์').expect(200);
    expect(first.body.items.map((c: { slug: string }) => c.slug)).toEqual(['cached-course']);
    await removeFromCatalog(db.manager, course.courseId);
    // Same listing within the cache's lifetime: the remembered answer, without a query.
    const again = await request(app.getHttpServer()).get('/api/v1/catalog?q=คอมพิวเตอร์').expect(200);
    expect(again.body).toEqual(first.body);
    // Another listing is read from the database and no longer has the archived course.
    const other = await request(app.getHttpServer()).get('/api/v1/catalog?q=คอมพิวเตอร์&limit=10').expect(200);
    expect(other.body.items).toEqual([]);
  });

  it('answers a remembered listing with the same bytes, headers and ETag, and 304 on revalidation', async () => {
    await publishTestCourse(db, { slug: 'etag-course', title: { th: 'ภาษาอังกฤษเพื่อการสื่อสาร' } });
    const url = '/api/v1/catalog?q=ภาษาอังกฤษ';
    const first = await request(app.getHttpServer()).get(encodeURI(url)).expect(200);
    const again = await request(app.getHttpServer()).get(encodeURI(url)).expect(200);
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(again.headers.etag).toMatch(/^W\//);
    await request(app.getHttpServer()).get(encodeURI(url)).set('If-None-Match', again.headers.etag).expect(304);
    // Phones get it compressed, from bytes gzipped once.
    const zipped = await request(app.getHttpServer()).get(encodeURI(url)).set('Accept-Encoding', 'gzip, br').expect(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.body).toEqual(first.body);
  });

  it('never remembers a refused query, and leaves course pages alone', async () => {
    for (let i = 0; i < 2; i++) {
      const refused = await request(app.getHttpServer()).get('/api/v1/catalog?limit=500').set('Accept-Language', 'en').expect(400);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
    }
    await publishTestCourse(db, { slug: 'page-course' });
    await request(app.getHttpServer()).get('/api/v1/catalog/page-course').expect(200);
    await request(app.getHttpServer()).get('/api/v1/catalog/no-such-course').expect(404);
  });
});
