import type { ByteReader } from '@baanrian/db';
import type { Request, Response } from 'express';
import { ServerResponse } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ReportExportFile } from './report-exports.service';

/** Four 1 MB buffers: a read of the page cache fills one while up to three are on their way to the socket. */
const BUFFERS = 4;
const BUFFER_BYTES = 1 << 20;
/** http's own write, past the compression middleware's wrapper (see sendReader). */
const httpWrite = ServerResponse.prototype.write as (this: ServerResponse, chunk: Buffer, callback: () => void) => boolean;

/**
 * A stored export goes out as it is stored, with its length (none while it is still being written), and is never compressed
 * on the fly (`no-transform` keeps the compression middleware off it): deflating a 700 MB CSV took the API's
 * core longer than PostgreSQL took to produce the rows. A file stored gzip-compressed by an earlier
 * version goes out as it is to a client that accepts gzip, and is unpacked for one that does not.
 * Exports are personal data: never kept by a shared cache.
 *
 * Failing half-way cuts the connection, so that no client takes a part for the whole; a client
 * that goes away stops the reading (and a followed export's polling).
 */
export function sendExportFile(file: ReportExportFile, req: Request, res: Response): Promise<void> {
  res.type(file.contentType).attachment(file.fileName);
  res.setHeader('Cache-Control', 'private, no-store, no-transform');
  res.vary('Accept-Encoding');
  const sized = () => file.byteSize !== null && res.setHeader('Content-Length', String(file.byteSize));
  if (req.method === 'HEAD') {
    sized();
    res.end();
    return 'reader' in file.body ? file.body.reader.close() : Promise.resolve(void file.body.stream.destroy());
  }
  if ('reader' in file.body) {
    sized();
    return sendReader(file.body.reader, res);
  }
  let stream: Readable = file.body.stream;
  if (file.encoding !== 'gzip') sized();
  else if (req.acceptsEncodings('gzip')) {
    res.setHeader('Content-Encoding', 'gzip');
    sized();
  } else stream = pipeline(stream, createGunzip(), () => undefined);
  return new Promise((resolve) => pipeline(stream, res, () => resolve()));
}

/**
 * The reader's bytes from a few reused buffers, each taken again once its write has reached the
 * socket: a new buffer per read (as a file stream takes) set off 25–50 major garbage collections
 * per 734 MB export in the API (docs/reports.md).
 *
 * The write goes through http's own `write`, because the compression middleware's wrapper drops
 * the callback that frees the buffer; with `no-transform` that wrapper only passes bytes on, and
 * the check below makes sure of it.
 */
async function sendReader(reader: ByteReader, res: Response): Promise<void> {
  const free: Buffer[] = Array.from({ length: BUFFERS }, () => Buffer.allocUnsafe(BUFFER_BYTES));
  let wake: (() => void) | null = null;
  let closed = false;
  const onClose = () => {
    closed = true;
    wake?.();
  };
  const freed = (buffer: Buffer) => () => {
    free.push(buffer);
    const resume = wake;
    wake = null;
    resume?.();
  };
  res.once('close', onClose);
  try {
    res.writeHead(res.statusCode);
    if (res.getHeader('Content-Encoding')) throw new Error('a stored export must not be compressed on the fly');
    for (;;) {
      while (!free.length && !closed) await new Promise<void>((resolve) => (wake = resolve));
      if (closed) return;
      const buffer = free.pop() as Buffer;
      const bytes = await reader.read(buffer);
      if (closed) return;
      if (bytes === 0) break;
      httpWrite.call(res, buffer.subarray(0, bytes), freed(buffer));
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', onClose);
    await reader.close();
  }
}
