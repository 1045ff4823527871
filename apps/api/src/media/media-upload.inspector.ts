import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { MediaException } from './media.exception';
import { detectFormat, type MediaFormat, SNIFF_BYTES } from './media-formats';

export interface InspectorOptions {
  /** Called once with the detected format (or null): throws to refuse the file, returns its size limit. */
  decide(format: MediaFormat | null): number;
  /** Keep the whole file in memory (images only, for the resized variants; bounded by their limit). */
  keepBytes(format: MediaFormat): boolean;
}

/**
 * Sits between the request and the storage: recognises the format from the first bytes before
 * anything is written, counts bytes against the format's limit (failing as soon as it is
 * exceeded, so a huge body is never read to the end), hashes, and checks captions are UTF-8.
 */
export class UploadInspector extends Transform {
  format: MediaFormat | null = null;
  bytes = 0;
  private limit = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private decided = false;
  private readonly hash = createHash('sha256');
  private utf8: TextDecoder | null = null;
  private kept: Buffer[] | null = null;

  constructor(private readonly options: InspectorOptions) {
    super();
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }

  /** The whole file, when kept. */
  get contents(): Buffer | null {
    return this.kept ? Buffer.concat(this.kept) : null;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (!this.decided) {
        this.head.push(chunk);
        this.headLength += chunk.length;
        if (this.headLength < SNIFF_BYTES) return callback();
        this.decide();
        const head = Buffer.concat(this.head);
        this.head = [];
        return callback(null, this.accept(head));
      }
      callback(null, this.accept(chunk));
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.decided) {
        if (this.headLength === 0) throw new MediaException('MEDIA_EMPTY');
        this.decide();
        const head = Buffer.concat(this.head);
        this.head = [];
        this.push(this.accept(head));
      }
      // A truncated multi-byte character at the very end is not UTF-8 either.
      this.utf8?.decode();
      callback();
    } catch (error) {
      callback(error instanceof TypeError ? new MediaException('MEDIA_CAPTIONS_NOT_UTF8') : (error as Error));
    }
  }

  private decide(): void {
    this.decided = true;
    this.format = detectFormat(Buffer.concat(this.head));
    this.limit = this.options.decide(this.format);
    if (this.format?.kind === 'captions') this.utf8 = new TextDecoder('utf-8', { fatal: true });
    if (this.format && this.options.keepBytes(this.format)) this.kept = [];
  }

  private accept(chunk: Buffer): Buffer {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) throw tooLarge(this.limit);
    this.hash.update(chunk);
    if (this.utf8) {
      try {
        this.utf8.decode(chunk, { stream: true });
      } catch {
        throw new MediaException('MEDIA_CAPTIONS_NOT_UTF8');
      }
    }
    this.kept?.push(chunk);
    return chunk;
  }
}

export function tooLarge(limit: number): MediaException {
  const mb = limit / (1024 * 1024);
  const label = mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(limit / 1024)} KB`;
  return new MediaException('MEDIA_TOO_LARGE', { limit: label }, { limitBytes: limit });
}
