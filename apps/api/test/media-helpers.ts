import { childEnv } from '@baanrian/config';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';

/** Small but real files of every accepted format, recognised by their first bytes. */
export async function sampleFiles() {
  const photo = sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } } });
  const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}\0\0\x02\0isomiso2`, 'latin1')]);
  const filler = (n: number) => randomBytes(n);
  return {
    jpeg: { name: 'ภาพปก.jpg', type: 'image/jpeg', bytes: await photo.clone().jpeg().toBuffer(), kind: 'image' },
    png: { name: 'diagram.png', type: 'image/png', bytes: await photo.clone().png().toBuffer(), kind: 'image' },
    webp: { name: 'photo.webp', type: 'image/webp', bytes: await photo.clone().webp().toBuffer(), kind: 'image' },
    gif: { name: 'anim.gif', type: 'image/gif', bytes: await sharp({ create: { width: 200, height: 100, channels: 3, background: 'blue' } }).gif().toBuffer(), kind: 'image' },
    mp4: { name: 'lesson-1.mp4', type: 'video/mp4', bytes: Buffer.concat([ftyp('isom'), filler(5000)]), kind: 'video' },
    webm: { name: 'clip.webm', type: 'video/webm', bytes: Buffer.concat([Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d', 'hex'), filler(3000)]), kind: 'video' },
    m4a: { name: 'podcast.m4a', type: 'audio/mp4', bytes: Buffer.concat([ftyp('M4A '), filler(2000)]), kind: 'audio' },
    mp3: { name: 'song.mp3', type: 'audio/mpeg', bytes: Buffer.concat([Buffer.from('ID3\x04\0\0\0\0\0\0', 'latin1'), filler(2000)]), kind: 'audio' },
    ogg: { name: 'voice.ogg', type: 'audio/ogg', bytes: Buffer.concat([Buffer.from('OggS\0\x02', 'latin1'), Buffer.alloc(22), Buffer.from('\x01vorbis', 'latin1'), filler(2000)]), kind: 'audio' },
    wav: { name: 'beep.wav', type: 'audio/wav', bytes: Buffer.concat([Buffer.from('RIFF\x24\x08\0\0WAVEfmt ', 'latin1'), filler(2000)]), kind: 'audio' },
    pdf: { name: 'คู่มือ.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), kind: 'document' },
    vtt: { name: 'captions.th.vtt', type: 'text/vtt', bytes: Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nสวัสดีครับ ยินดีต้อนรับ\n'), kind: 'captions' },
  } as const;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** How many body bytes the client had written when the answer came. */
  written: number;
}

/**
 * Uploads like a browser on a slow line: writes the body in chunks and stops as soon as the
 * server answers (as browsers do), so a test sees how much the server let it send.
 */
export function streamUpload(
  baseUrl: string,
  options: { token: string; type: string; name?: string; head: Buffer; total: number; chunk?: number; contentLength?: number; abortAfter?: number; stallAfterHead?: boolean; path?: string },
): Promise<RawResponse | 'aborted'> {
  // Media by default; any other upload route (bulk files, question imports) by `path`.
  const url = new URL(options.path ?? '/api/v1/media', baseUrl);
  const chunkSize = options.chunk ?? 64 * 1024;
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token}`, 'Content-Type': options.type };
    if (options.name) headers['X-Filename'] = encodeURIComponent(options.name);
    if (options.contentLength !== undefined) headers['Content-Length'] = String(options.contentLength);
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, written });
        req.destroy();
      });
    });
    req.on('error', (error) => (answered ? undefined : options.abortAfter !== undefined ? resolve('aborted') : reject(error)));
    const pump = async () => {
      const filler = Buffer.alloc(chunkSize, 0x61);
      let first = true;
      while (!answered && written < options.total) {
        if (options.abortAfter !== undefined && written >= options.abortAfter) {
          req.destroy();
          return resolve('aborted');
        }
        const piece = first ? options.head : filler.subarray(0, Math.min(chunkSize, options.total - written));
        first = false;
        written += piece.length;
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
        // Sends nothing more: only an answer given from the headers and the first bytes can come.
        if (options.stallAfterHead) return;
        await new Promise((r) => setTimeout(r, 2));
      }
      if (!answered) req.end();
    };
    pump().catch(reject);
  });
}

export interface TestS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/** Starts fixtures/s3-server.mjs: the real `s3rver` S3-compatible server, in a child process. */
export async function startTestS3(directory: string): Promise<TestS3> {
  const bucket = 'baanrian-media';
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'fixtures/s3-server.mjs')], {
    env: childEnv({ S3_TEST_DIR: directory, S3_TEST_BUCKET: bucket }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /READY (\S+)/.exec(stdout);
      if (ready) resolve(ready[1]);
    });
    child.once('exit', (code) => reject(new Error(`test S3 server exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`test S3 server did not start: ${stderr}`)), 20_000).unref();
  });
  return {
    endpoint,
    bucket,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
