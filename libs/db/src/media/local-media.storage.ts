import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openFileWriter } from './file-writer';
import { followFile, readFileInto } from './follow-file';
import { assertMediaKey, type ByteRange, type ByteReader, type ByteWriter, type FollowOptions, type FollowVerdict, type MediaStorage, type StoredObject } from './media-storage';

/** Media on local disk under one root directory (DATA_DIR/media by default). */
export class LocalMediaStorage implements MediaStorage {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  private file(key: string): string {
    const file = path.resolve(this.root, assertMediaKey(key));
    // Belt and braces: the key pattern already rules out `..`.
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`media key escapes the root: ${key}`);
    return file;
  }

  /**
   * Writes take up to 4 MB before they push back. With the default 16 kB, a 734 MB export's COPY
   * stalled on every small write: measured on this machine, 3.7–4.1 s and 2.3–2.8 s of CPU for what
   * took 1.8–1.95 s and 1.3–1.6 s with 4 MB (the stream then writes what queued in one writev).
   */
  async put(key: string, body: Readable, _contentType?: string): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await pipeline(body, createWriteStream(file, { flags: 'w', mode: 0o640, highWaterMark: 4 << 20 }));
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.file(key);
    // Opening first turns a missing file into a rejected promise instead of a later stream error.
    await stat(file);
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async writer(key: string): Promise<ByteWriter> {
    return openFileWriter(this.file(key));
  }

  reader(key: string): Promise<ByteReader> {
    return readFileInto(this.file(key));
  }

  follow(key: string, verdict: () => Promise<FollowVerdict>, options?: FollowOptions): Promise<ByteReader> {
    return followFile(this.file(key), (finalKey) => this.file(finalKey), verdict, options);
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.file(key));
      return info.isFile() ? { key, size: info.size, lastModified: info.mtime } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async move(from: string, to: string): Promise<void> {
    const target = this.file(to);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(this.file(from), target);
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const dir = path.resolve(this.root, assertMediaKey(prefix.replace(/\/$/, '')));
    let entries: string[];
    try {
      entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => path.relative(this.root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const key of entries) {
      const info = await this.stat(key);
      if (info) yield info;
    }
  }
}
