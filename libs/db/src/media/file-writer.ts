import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ByteWriter } from './media-storage';

/**
 * A new local file (mode 0640) written from the caller's buffers, in order: each write is queued
 * behind the one before, because a reader may be following the file as it grows and must never
 * meet a hole that a later block left ahead of an earlier one.
 */
export async function openFileWriter(file: string): Promise<ByteWriter> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'w', 0o640);
  let position = 0;
  let queue: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  let closed = false;

  const writeAll = async (bytes: Buffer) => {
    if (failure) throw failure;
    if (closed) throw new Error(`file writer: ${file} is already closed`);
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position);
      done += bytesWritten;
      position += bytesWritten;
    }
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };

  return {
    write(bytes) {
      const written = queue.then(() => writeAll(bytes));
      queue = written.catch((error: Error) => void (failure ??= error));
      return written;
    },
    async end() {
      await queue;
      if (failure) {
        await close().catch(() => undefined);
        await rm(file, { force: true });
        throw failure;
      }
      await close();
    },
    async abort() {
      await queue;
      await close().catch(() => undefined);
      await rm(file, { force: true });
    },
  };
}
