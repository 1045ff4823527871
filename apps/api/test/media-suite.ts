import { createMediaStorage, type MediaStorage, sweepMediaOrphans } from '@baanrian/db';
import { createTestDatabase, eventually, type TestDatabase, testConfig } from '@baanrian/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { bearer, PASSWORD, signIn, signUp, uniqueEmail } from './accounts-helpers';
import { startApi } from './api-app';
import { sampleFiles, startTestS3, streamUpload, type TestS3 } from './media-helpers';

const IMAGE_LIMIT = 2 * 1024 * 1024;

/** The media API against one storage: the same behaviour is expected from local disk and S3. */
export function mediaSuite(storageKind: 'local' | 's3'): void {
  let database: TestDatabase;
  let app: NestExpressApplication;
  let db: DataSource;
  let dir: string;
  let s3: TestS3 | null = null;
  let storage: MediaStorage;
  let baseUrl: string;
  const tokens = { admin: '', instructor: '', otherInstructor: '', learner: '' };
  let samples: Awaited<ReturnType<typeof sampleFiles>>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'baanrian-media-'));
    database = await createTestDatabase();
    const overrides: Record<string, string> = { MEDIA_DIR: dir, MEDIA_MAX_IMAGE_BYTES: String(IMAGE_LIMIT) };
    if (storageKind === 's3') {
      s3 = await startTestS3(dir);
      Object.assign(overrides, {
        MEDIA_STORAGE: 's3',
        MEDIA_S3_ENDPOINT: s3.endpoint,
        MEDIA_S3_BUCKET: s3.bucket,
        MEDIA_S3_ACCESS_KEY_ID: 'S3RVER',
        MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
        MEDIA_S3_FORCE_PATH_STYLE: 'true',
      });
    }
    const config = testConfig(database.url, overrides);
    storage = createMediaStorage(config.media);
    expect(storage.kind).toBe(storageKind);
    ({ app, db } = await startApi(config));
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const admin = await http().post('/api/v1/setup/admin').send({ email: uniqueEmail('admin'), password: PASSWORD, displayName: 'Admin', preferredLocale: 'en' }).expect(201);
    tokens.admin = admin.body.accessToken;
    for (const who of ['instructor', 'otherInstructor'] as const) {
      const person = await signUp(http);
      await http().put(`/api/v1/admin/users/${person.id}/roles/instructor`).set(bearer(tokens.admin)).expect(200);
      tokens[who] = (await signIn(http, person.email)).accessToken;
    }
    tokens.learner = (await signUp(http)).accessToken;
    samples = await sampleFiles();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await s3?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (file: { name?: string; type: string; bytes: Buffer }, token = tokens.instructor) => {
    const req = http().post('/api/v1/media').set(bearer(token)).set('Content-Type', file.type).set('Accept-Language', 'en');
    if (file.name) req.set('X-Filename', encodeURIComponent(file.name));
    return req.send(file.bytes);
  };
  const rows = async () => Number((await db.query(`SELECT count(*) AS n FROM media_asset`))[0].n);
  const tempObjects = async () => {
    const keys: string[] = [];
    for await (const object of storage.list('tmp/')) keys.push(object.key);
    return keys;
  };

  describe(`uploads (${storageKind} storage)`, () => {
    it.each(['gif', 'mp4', 'webm', 'm4a', 'mp3', 'ogg', 'wav', 'pdf', 'vtt'] as const)('accepts %s, recognised from its bytes, and serves the same bytes back', async (format) => {
      const file = samples[format];
      const res = await upload(file).expect(201);
      expect(res.body).toMatchObject({ kind: file.kind, byteSize: file.bytes.length, status: 'ready', originalName: file.name, url: `/api/v1/media/${res.body.id}` });
      expect(res.body.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
      const served = await http().get(res.body.url).buffer(true).parse(binary).expect(200);
      expect(Buffer.compare(served.body as Buffer, file.bytes)).toBe(0);
      expect(served.headers['content-type']).toBe(format === 'vtt' ? 'text/vtt; charset=utf-8' : res.body.contentType);
    });

    it.each(['jpeg', 'png', 'webp'] as const)('accepts a %s photo and keeps it without its metadata (no GPS position in what anyone downloads)', async (format) => {
      const file = samples[format];
      const tagged = await sharp(file.bytes)
        .withExif({ IFD0: { Copyright: 'ครูสมศรี', Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '18/1 47/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '98/1 59/1 0/1' } })
        .toFormat(format)
        .toBuffer();
      expect((await sharp(tagged).metadata()).exif).toBeDefined();
      const res = await upload({ ...file, bytes: tagged }).expect(201);
      expect(res.body).toMatchObject({ kind: 'image', contentType: file.type, status: 'ready' });
      const served = await http().get(res.body.url).buffer(true).parse(binary).expect(200);
      const body = served.body as Buffer;
      // What is stored is described truthfully: its own size and hash.
      expect(res.body.byteSize).toBe(body.length);
      expect(res.body.sha256).toBe(createHash('sha256').update(body).digest('hex'));
      const meta = await sharp(body).metadata();
      expect(meta).toMatchObject({ format: format === 'jpeg' ? 'jpeg' : format, width: (await sharp(file.bytes).metadata()).width });
      expect(meta.exif).toBeUndefined();
      expect(body.includes(Buffer.from('PhoneMaker'))).toBe(false);
    });

    it('stores an upload sent as application/octet-stream under the type its bytes show', async () => {
      const res = await upload({ ...samples.png, type: 'application/octet-stream' }).expect(201);
      expect(res.body.contentType).toBe('image/png');
    });

    it.each([
      ['a PDF named .jpg', { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('%PDF-1.7\n% not a photo\n') }, 'MEDIA_TYPE_MISMATCH', 'The file contains PDF, but its name or type says .jpg. Please check the file.'],
      ['a PNG declared as video/mp4', { name: 'x.png', type: 'video/mp4', bytes: Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(100), 'latin1') }, 'MEDIA_TYPE_MISMATCH', 'The file contains PNG, but its name or type says video/mp4. Please check the file.'],
      ['an HTML page named .mp4', { name: 'lesson.mp4', type: 'video/mp4', bytes: Buffer.from('<!doctype html><script>alert(document.cookie)</script>' + ' '.repeat(200)) }, 'MEDIA_TYPE_UNSUPPORTED', expect.stringContaining('not supported')],
      ['an HTML page declared as text/html', { name: 'page.html', type: 'text/html', bytes: Buffer.from('<html></html>') }, 'MEDIA_TYPE_UNSUPPORTED', expect.stringContaining('not supported')],
      ['captions in Windows-874 (not UTF-8)', { name: 'th.vtt', type: 'text/vtt', bytes: Buffer.concat([Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n'), Buffer.from([0xca, 0xc7, 0xd1, 0xca, 0xb4, 0xd5, 0x0a])]) }, 'MEDIA_CAPTIONS_NOT_UTF8', 'Caption files must be WebVTT saved as UTF-8'],
      ['a broken JPEG', { name: 'broken.jpg', type: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]) }, 'MEDIA_IMAGE_UNREADABLE', expect.any(String)],
    ])('refuses %s with 415 and a clear message, leaving nothing behind', async (_what, file, code, title) => {
      const before = await rows();
      const res = await upload(file).expect(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 415, code, title });
      expect(await rows()).toBe(before);
      expect(await tempObjects()).toEqual([]);
    });

    it('explains a forged type in Thai and Vietnamese too', async () => {
      const forged = { name: 'photo.jpg', type: 'image/jpeg', bytes: Buffer.from('%PDF-1.7\n') };
      const th = await upload(forged).set('Accept-Language', 'th').expect(415);
      expect(th.body.title).toBe('เนื้อหาของไฟล์เป็น PDF แต่ชื่อหรือชนิดไฟล์ระบุว่าเป็น .jpg กรุณาตรวจสอบไฟล์');
      const vi = await upload(forged).set('Accept-Language', 'vi').expect(415);
      expect(vi.body.title).toBe('Nội dung tệp là PDF, nhưng tên hoặc loại tệp ghi là .jpg. Vui lòng kiểm tra lại tệp.');
    });

    it('refuses an empty file', async () => {
      const res = await upload({ name: 'empty.png', type: 'image/png', bytes: Buffer.alloc(0) }).expect(400);
      expect(res.body.code).toBe('MEDIA_EMPTY');
    });

    it('never lets a path-traversal name reach the storage: the key is generated, the name is only cleaned for downloads', async () => {
      const res = await upload({ ...samples.pdf, name: '../../../etc/passwd/..\\..\\evil".pdf' }).expect(201);
      expect(res.body.originalName).toBe('evil.pdf');
      const [row] = await db.query(`SELECT storage_key FROM media_asset WHERE id = $1`, [res.body.id]);
      expect(row.storage_key).toBe(`media/${res.body.id}/original`);
      const served = await http().get(res.body.url).expect(200);
      expect(served.headers['content-disposition']).toBe(`attachment; filename="evil.pdf"; filename*=UTF-8''evil.pdf`);
    });

    it('refuses learners (403) and anonymous callers (401)', async () => {
      expect((await upload(samples.png, tokens.learner).expect(403)).body.code).toBe('FORBIDDEN');
      await http().post('/api/v1/media').set('Content-Type', 'image/png').send(samples.png.bytes).expect(401);
    });

    it('answers an oversize upload with 413 while it streams, long before the body ends', async () => {
      const before = await rows();
      // Loopback socket buffers hold a few MB, so the client gets ahead of what the server read.
      const total = 16 * IMAGE_LIMIT;
      const res = await streamUpload(baseUrl, { token: tokens.instructor, type: 'image/png', name: 'huge.png', head: samples.png.bytes.subarray(0, 1024), total });
      if (res === 'aborted') throw new Error('the server cut the connection without answering');
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'MEDIA_TOO_LARGE', title: 'ไฟล์ใหญ่เกินไป ไฟล์ชนิดนี้ต้องไม่เกิน 2 MB', limitBytes: IMAGE_LIMIT });
      expect(res.written).toBeLessThan(total / 2);
      expect(await rows()).toBe(before);
      await eventually(async () => ((await tempObjects()).length === 0 ? true : undefined), 5000, 'temporary file removed');
    });

    it('answers 413 at once when Content-Length already says the file is too large for its kind', async () => {
      const res = await streamUpload(baseUrl, {
        token: tokens.instructor,
        type: 'image/png',
        head: samples.png.bytes.subarray(0, 1024),
        total: 4 * IMAGE_LIMIT,
        contentLength: 4 * IMAGE_LIMIT,
        stallAfterHead: true,
      });
      if (res === 'aborted') throw new Error('the server cut the connection without answering');
      expect(res.status).toBe(413);
      expect(res.written).toBe(1024);
    });

    it('keeps no row when the uploader goes away halfway, and housekeeping removes what a crash would leave', async () => {
      const before = await rows();
      const outcome = await streamUpload(baseUrl, {
        token: tokens.instructor,
        type: 'video/mp4',
        name: 'cut.mp4',
        head: samples.mp4.bytes.subarray(0, 1024),
        total: 4 * 1024 * 1024,
        abortAfter: 512 * 1024,
      });
      expect(outcome).toBe('aborted');
      await eventually(async () => ((await tempObjects()).length === 0 ? true : undefined), 5000, 'temporary file removed');
      expect(await rows()).toBe(before);

      // A crash mid-upload leaves its temporary file; an id stored without its row leaves bytes.
      const crashed = `tmp/${randomUUID()}`;
      const rowless = `media/${randomUUID()}/original`;
      await storage.put(crashed, Readable.from([Buffer.from('half a video')]), 'application/octet-stream');
      await storage.put(rowless, Readable.from([Buffer.from('never recorded')]), 'application/octet-stream');
      const kept = await upload(samples.pdf).expect(201);
      // An upload in progress is younger than the cut-off and is left alone.
      expect(await sweepMediaOrphans(storage, db, { olderThanMinutes: 60 })).toEqual({ tempFiles: 0, orphanObjects: 0 });
      const later = new Date(Date.now() + 61 * 60_000);
      expect(await sweepMediaOrphans(storage, db, { olderThanMinutes: 60, now: later })).toEqual({ tempFiles: 1, orphanObjects: 1 });
      expect(await storage.stat(crashed)).toBeNull();
      expect(await storage.stat(rowless)).toBeNull();
      await http().get(kept.body.url).expect(200);
    });
  });

  describe(`serving (${storageKind} storage)`, () => {
    let video: { id: string; url: string; bytes: Buffer };
    beforeAll(async () => {
      const res = await upload(samples.mp4).expect(201);
      video = { id: res.body.id, url: res.body.url, bytes: samples.mp4.bytes };
    });

    it('serves with nosniff, an inline disposition, a strong ETag and immutable caching', async () => {
      const res = await http().get(video.url).buffer(true).parse(binary).expect(200);
      expect(res.headers).toMatchObject({
        'content-type': 'video/mp4',
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=31536000, immutable, no-transform',
        'accept-ranges': 'bytes',
        'content-length': String(video.bytes.length),
        etag: `"${createHash('sha256').update(video.bytes).digest('hex')}"`,
        'content-disposition': `inline; filename="lesson-1.mp4"; filename*=UTF-8''lesson-1.mp4`,
      });
      await http().get(video.url).set('If-None-Match', res.headers.etag).expect(304);
    });

    it.each([
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, -1],
      ['bytes=-500', -500, -1],
      ['bytes=4000-999999', 4000, -1],
    ])('answers Range %s with 206 and exactly those bytes', async (range, start, end) => {
      const size = video.bytes.length;
      const from = start < 0 ? size + start : start;
      const to = end < 0 ? size - 1 : end;
      const res = await http().get(video.url).set('Range', range).buffer(true).parse(binary).expect(206);
      expect(res.headers['content-range']).toBe(`bytes ${from}-${to}/${size}`);
      expect(res.headers['content-length']).toBe(String(to - from + 1));
      expect(Buffer.compare(res.body as Buffer, video.bytes.subarray(from, to + 1))).toBe(0);
    });

    it('answers a range beyond the end with 416 and the real size', async () => {
      const res = await http().get(video.url).set('Range', `bytes=${video.bytes.length}-`).expect(416);
      expect(res.headers['content-range']).toBe(`bytes */${video.bytes.length}`);
      expect(res.body.code).toBe('MEDIA_RANGE_NOT_SATISFIABLE');
    });

    it('serves the whole file for several ranges at once (allowed by HTTP) and for a stale If-Range', async () => {
      await http().get(video.url).set('Range', 'bytes=0-1,5-6').expect(200);
      await http().get(video.url).set('Range', 'bytes=0-9').set('If-Range', '"old"').expect(200);
    });

    it('serves WebP variants of an image at 320, 640 and 1280 px, and never enlarges a small one', async () => {
      const photo = await upload(samples.jpeg).expect(201);
      expect(photo.body.imageWidths).toEqual([320, 640, 1280]);
      for (const width of [320, 640, 1280]) {
        const res = await http().get(`${photo.body.url}?w=${width}`).buffer(true).parse(binary).expect(200);
        expect(res.headers['content-type']).toBe('image/webp');
        expect(res.headers.etag).toBe(`"${photo.body.sha256}-w${width}"`);
        expect(res.headers['cache-control']).toContain('immutable');
        expect(await sharp(res.body as Buffer).metadata()).toMatchObject({ format: 'webp', width });
      }
      const small = await upload(samples.gif).expect(201);
      const res = await http().get(`${small.body.url}?w=1280`).buffer(true).parse(binary).expect(200);
      expect((await sharp(res.body as Buffer).metadata()).width).toBe(200);
      await http().get(`${photo.body.url}?w=500`).expect(400);
    });

    it('downloads documents as attachments (with the Thai name) and shows captions inline', async () => {
      const pdf = await upload(samples.pdf).expect(201);
      const res = await http().get(pdf.body.url).expect(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent('คู่มือ.pdf')}`);
      const vtt = await upload(samples.vtt).expect(201);
      expect((await http().get(vtt.body.url).expect(200)).headers['content-disposition']).toMatch(/^inline;/);
    });

    it('answers 404 for unknown and malformed ids', async () => {
      expect((await http().get(`/api/v1/media/${randomUUID()}`).expect(404)).body.code).toBe('MEDIA_NOT_FOUND');
      await http().get('/api/v1/media/..%2F..%2Fetc%2Fpasswd').expect(404);
    });
  });

  describe(`details and deletion (${storageKind} storage)`, () => {
    it('shows details to the uploader and administrators only, and lets them delete', async () => {
      const asset = await upload(samples.png).expect(201);
      const meta = await http().get(`/api/v1/media/${asset.body.id}/meta`).set(bearer(tokens.instructor)).expect(200);
      expect(meta.body).toEqual(asset.body);
      await http().get(`/api/v1/media/${asset.body.id}/meta`).set(bearer(tokens.admin)).expect(200);
      await http().get(`/api/v1/media/${asset.body.id}/meta`).set(bearer(tokens.otherInstructor)).expect(403);
      await http().delete(`/api/v1/media/${asset.body.id}`).set(bearer(tokens.otherInstructor)).expect(403);
      await http().delete(`/api/v1/media/${asset.body.id}`).set(bearer(tokens.instructor)).expect(204);
      await http().get(asset.body.url).expect(404);
      expect(await storage.stat(`media/${asset.body.id}/original`)).toBeNull();
      expect(await storage.stat(`media/${asset.body.id}/w320.webp`)).toBeNull();
    });
  });
}

/** supertest parser collecting the body as bytes whatever the content type. */
function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const stream = res as any as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}
