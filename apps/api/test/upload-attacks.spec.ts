import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateRawSync, constants as zlib } from 'node:zlib';
import { useTestApi } from './api-app';
import { bearer } from './accounts-helpers';
import { setupPeople, type Person } from './courses-helpers';
import { publishedCourse } from './enrollments-helpers';
import { sampleFiles, streamUpload } from './media-helpers';

/**
 * Upload attacks on every upload route (ASVS 5.2.1–5.2.3, 5.3.2): media (which template images
 * are: a template only takes media ids), question imports and bulk enrolment files. Wrong magic
 * bytes, oversize bodies, traversal names, and zip or gzip bombs are refused with a 4xx
 * problem+json in the caller's language, store nothing, and never buffer or inflate without bound.
 */
const api = useTestApi();
const http = api.http;
const db = () => api.db();

let people: Awaited<ReturnType<typeof setupPeople>>;
let teacher: Person;
let courseId: string;
let baseUrl: string;
let samples: Awaited<ReturnType<typeof sampleFiles>>;

beforeAll(async () => {
  await api.app().listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(api.app().getHttpServer().address() as AddressInfo).port}`;
  people = await setupPeople(http);
  teacher = await people.instructor();
  courseId = (await publishedCourse(http, teacher.token)).id;
  samples = await sampleFiles();
});

type Route = 'media' | 'question import' | 'bulk enrolment';
const ROUTES: Route[] = ['media', 'question import', 'bulk enrolment'];
const pathOf = (route: Route) =>
  route === 'media' ? '/api/v1/media' : route === 'question import' ? `/api/v1/studio/courses/${courseId}/question-imports` : `/api/v1/studio/courses/${courseId}/enrollment-imports`;

/** What each route stores: a media row, a question, an import preview. */
async function stored(): Promise<number[]> {
  const [row] = await db().query(
    `SELECT (SELECT count(*)::int FROM media_asset) AS media, (SELECT count(*)::int FROM question) AS questions, (SELECT count(*)::int FROM enrollment_import) AS imports`,
  );
  return [row.media, row.questions, row.imports];
}

function send(route: Route, body: Buffer, headers: Record<string, string> = {}) {
  let req = http().post(pathOf(route)).set(bearer(teacher.token)).set('Accept-Language', 'en');
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req.send(body);
}

const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.domain)</script></body></html>\n');
const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56), randomBytes(512)]);
const REFUSAL: Record<Route, string> = { media: 'MEDIA_TYPE_UNSUPPORTED', 'question import': 'QUIZ_IMPORT_NOT_TEXT', 'bulk enrolment': 'ENROLLMENT_IMPORT_TYPE_UNSUPPORTED' };

describe('wrong magic bytes', () => {
  const cases = ROUTES.flatMap((route) =>
    (
      [
        ['an HTML page with a script', HTML],
        ['an SVG with a script', SVG],
        ['an ELF executable', ELF],
      ] as const
    ).map(([what, body]) => ({ route, what, body })),
  );

  it.each(cases)('$route: refuses $what named photo.png with 415, storing nothing', async ({ route, body }) => {
    const before = await stored();
    const res = await send(route, body, { 'Content-Type': 'image/png', 'X-Filename': 'photo.png' });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: REFUSAL[route] });
    expect(await stored()).toEqual(before);
  });

  it.each(ROUTES)('%s: refuses an executable with no name at all (415): the bytes decide', async (route) => {
    const before = await stored();
    const res = await send(route, ELF, { 'Content-Type': 'application/octet-stream' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: REFUSAL[route] });
    expect(await stored()).toEqual(before);
  });

  it('explains the refusal in Thai and Vietnamese too', async () => {
    const th = await send('bulk enrolment', ELF, { 'X-Filename': 'photo.png', 'Accept-Language': 'th' }).expect(415);
    expect(th.body.title).toBe('ไม่รองรับไฟล์ชนิดนี้ ใช้ได้เฉพาะไฟล์ CSV (UTF-8) หรือ XLSX');
    const vi = await send('question import', SVG, { 'X-Filename': 'photo.png', 'Accept-Language': 'vi' }).expect(415);
    expect(vi.body.title).toBe('Đây không phải là tệp văn bản: hãy dùng tệp GIFT hoặc Aiken được lưu dạng UTF-8');
  });

  it('template images: only uploaded PNG or JPEG media can be a logo (an SVG never uploads, a PDF is refused 422)', async () => {
    const admin = bearer(people.admin.token);
    await http().post('/api/v1/media').set(admin).set('Content-Type', 'image/png').set('X-Filename', 'logo.png').send(SVG).expect(415);
    const pdf = await http().post('/api/v1/media').set(admin).set('Content-Type', 'application/pdf').send(samples.pdf.bytes).expect(201);
    const template = { name: 'Attack', content: { organisationName: 'Baanrian', signatories: [], logoMediaId: pdf.body.id } };
    const res = await http().post('/api/v1/admin/credentials/templates').set(admin).set('Accept-Language', 'en').send(template).expect(422);
    expect(res.body).toMatchObject({ code: 'CREDENTIAL_MEDIA_INVALID', title: 'The chosen image must be an uploaded PNG or JPEG file' });
  });
});

describe('oversize bodies', () => {
  // Media has the same test in media-suite.ts (local and S3), with its per-kind limits.
  it.each([
    ['question import', 2 * 1024 * 1024, 'QUIZ_IMPORT_TOO_LARGE'],
    ['bulk enrolment', 5 * 1024 * 1024, 'ENROLLMENT_IMPORT_TOO_LARGE'],
  ] as const)('%s: answers 413 while the body streams, long before it ends', async (route, limit, code) => {
    const before = await stored();
    const total = 8 * limit;
    const res = await streamUpload(baseUrl, { token: teacher.token, type: 'text/plain', name: 'big.txt', head: Buffer.from('email\n'), total, path: pathOf(route) });
    if (res === 'aborted') throw new Error('the server cut the connection without answering');
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).code).toBe(code);
    expect(res.written).toBeLessThan(total / 2);
    expect(await stored()).toEqual(before);
  });
});

describe('path traversal and NUL bytes in file names', () => {
  const NAMES = ['../../../../etc/passwd', '..\\..\\..\\windows\\x', 'evil\u0000name', '..%2F..%2Fetc%2Fpasswd', '.htaccess'];

  it.each(NAMES)('media: %j never names anything in storage (the key is generated) and is cleaned for downloads', async (name) => {
    const res = await send('media', samples.pdf.bytes, { 'Content-Type': 'application/pdf', 'X-Filename': encodeURIComponent(name) }).expect(201);
    const [row] = await db().query(`SELECT storage_key, original_name FROM media_asset WHERE id = $1`, [res.body.id]);
    expect(row.storage_key).toBe(`media/${res.body.id}/original`);
    expect(row.original_name).not.toMatch(/[/\\\u0000]|^\./);
  });

  it.each(NAMES)('bulk enrolment: %j is kept only as a cleaned label (no file is written)', async (name) => {
    const res = await send('bulk enrolment', Buffer.from('email\nnobody@example.org\n'), { 'Content-Type': 'text/csv', 'X-Filename': encodeURIComponent(name) }).expect(201);
    expect(res.body.fileName).not.toMatch(/[/\\\u0000]|^\./);
    const [row] = await db().query(`SELECT file_name FROM enrollment_import WHERE id = $1`, [res.body.id]);
    expect(row.file_name).toBe(res.body.fileName);
  });

  it('question import: a NUL in the name is no 500 (the name is only checked for its type)', async () => {
    await send('question import', Buffer.from('Is the sky blue? {T}\n'), { 'Content-Type': 'text/plain', 'X-Filename': encodeURIComponent('quiz\u0000.txt') }).expect(200);
  });
});

describe('compression bombs', () => {
  it('a JSON body with Content-Encoding: gzip that inflates past the 1 MB limit is 413 at once', async () => {
    const started = Date.now();
    // Raw HTTP: supertest would serialise a Buffer sent as JSON.
    const res = await rawPost('/api/v1/auth/sign-in', gzipBomb(512), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Accept-Language': 'th' });
    expect(res.status).toBe(413); // 512 MB of spaces in about 0.5 MB
    expect(JSON.parse(res.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', title: 'ข้อมูลมีขนาดใหญ่เกินไป' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  const NAMED: Record<Route, Record<string, string>> = {
    media: { 'Content-Type': 'application/octet-stream' },
    'question import': { 'Content-Type': 'text/plain', 'X-Filename': 'questions.txt' },
    'bulk enrolment': { 'Content-Type': 'text/csv', 'X-Filename': 'learners.csv' },
  };

  it.each(ROUTES)('%s: a gzip Content-Encoding is never inflated: the compressed bytes are refused as what they are (415)', async (route) => {
    const before = await stored();
    const res = await send(route, gzipBomb(64), { ...NAMED[route], 'Content-Encoding': 'gzip' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 415, code: REFUSAL[route] });
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['declaring its real size', 'honest'],
    ['declaring 1 KB (a lying header)', 'lying'],
  ] as const)('an XLSX whose sheet inflates to 1 GB, %s, is 413 within seconds, before exceljs reads it', async (_what, sizes) => {
    const before = await stored();
    const started = Date.now();
    const res = await send('bulk enrolment', xlsxBomb(1024, sizes), { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'X-Filename': 'class.xlsx' });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'ENROLLMENT_IMPORT_UNPACKED_TOO_LARGE', title: 'This XLSX file unpacks to more than 20 MB. Please split the list into smaller files.' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await stored()).toEqual(before);
  });

  it('still reads an ordinary XLSX (the control)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Learners');
    sheet.addRow(['email']);
    for (let i = 0; i < 2000; i++) sheet.addRow([`nobody-${i}@example.org`]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await send('bulk enrolment', bytes, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'X-Filename': 'class.xlsx' }).expect(201);
    expect(res.body.totalRows).toBe(2000);
  });
});

function rawPost(path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, baseUrl), { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Raw deflate data inflating to `megabytes` MB of spaces, built cheaply: 1 MB compressed once with
 * a sync flush (byte-aligned, not final, referring only to itself) is repeated, then a final empty
 * block ends the stream.
 */
function deflateBomb(megabytes: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9, finishFlush: zlib.Z_SYNC_FLUSH });
  return Buffer.concat([...Array.from({ length: megabytes }, () => segment), deflateRawSync(Buffer.alloc(0))]);
}

/** A gzip member around deflateBomb (the trailer's CRC is never reached: the reader stops first). */
function gzipBomb(megabytes: number): Buffer {
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]), deflateBomb(megabytes), Buffer.alloc(8)]);
}

/** A zip named like an XLSX whose worksheet inflates to `megabytes` MB; its central directory tells the truth or lies. */
function xlsxBomb(megabytes: number, sizes: 'honest' | 'lying'): Buffer {
  const parts: [string, Buffer, number][] = [
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), 0],
    ['xl/worksheets/sheet1.xml', deflateBomb(megabytes), megabytes * 1024 * 1024],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data, inflated] of parts) {
    const method = inflated ? 8 : 0;
    const size = inflated ? (sizes === 'honest' ? inflated : 1024) : data.length;
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
