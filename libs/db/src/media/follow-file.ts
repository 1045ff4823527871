import { type FileHandle, open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FollowOptions, FollowVerdict } from './media-storage';

/** Read size: the file is usually in the page cache, so large reads cost fewer trips through libuv. */
const CHUNK = 1 << 20;

/**
 * A stream of a local file that another process is still appending to, from its first byte. At
 * the end of what is there it asks `verdict()`: still being written (wait and read again), finished
 * (renamed to its final path: read to that file's size, then end), or abandoned (the stream fails).
 *
 * The open handle follows the file through a rename, so nothing is lost at the switch; and two
 * checks keep a reader from passing off another run's bytes: a file unlinked while being read
 * (its writer failed, or a rerun swept it) fails the stream, and a finished file must be the very
 * inode that was read.
 */
export async function followFile(file: string, finalPath: (key: string) => string, verdict: () => Promise<FollowVerdict>, options: FollowOptions = {}): Promise<Readable> {
  const handle = await open(file, 'r');
  return Readable.from(chunks(handle, finalPath, verdict, { pollMs: options.pollMs ?? 25, idleMs: options.idleMs ?? 120_000 }), { objectMode: false, highWaterMark: CHUNK });
}

async function* chunks(handle: FileHandle, finalPath: (key: string) => string, verdict: () => Promise<FollowVerdict>, options: Required<FollowOptions>): AsyncGenerator<Buffer> {
  try {
    let position = 0;
    let finalSize: number | null = null;
    let lastGrowth = Date.now();
    // A buffer is handed on with what it read, so a new one is taken only then, not on every empty read while waiting.
    let buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      if (bytesRead > 0) {
        position += bytesRead;
        lastGrowth = Date.now();
        const read = buffer.subarray(0, bytesRead);
        buffer = Buffer.allocUnsafe(CHUNK);
        yield read;
        continue;
      }
      if (finalSize !== null) {
        if (position === finalSize) return;
        throw new Error(`followed file ended at ${position} bytes of ${finalSize}`);
      }
      const own = await handle.stat();
      if (own.nlink === 0) throw new Error('followed file was removed before it was finished');
      const state = await verdict();
      if (state === 'abandoned') throw new Error('followed file was abandoned by its writer');
      if (state === 'writing') {
        if (Date.now() - lastGrowth > options.idleMs) throw new Error(`followed file did not grow for ${options.idleMs} ms`);
        await sleep(options.pollMs);
        continue;
      }
      const finished = await stat(finalPath(state.finalKey));
      if (finished.ino !== own.ino || finished.dev !== own.dev) throw new Error('the finished file is not the one that was followed');
      finalSize = finished.size;
    }
  } finally {
    await handle.close();
  }
}
