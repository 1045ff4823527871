import { type FileHandle, open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ByteReader, FollowOptions, FollowVerdict } from './media-storage';

/**
 * A reader of a local file that another process is still appending to, from its first byte. At
 * the end of what is there it asks `verdict()`: still being written (wait and read again), finished
 * (renamed to its final path: read to that file's size, then end), or abandoned (the read fails).
 *
 * The open handle follows the file through a rename, so nothing is lost at the switch; and two
 * checks keep a reader from passing off another run's bytes: a file unlinked while being read
 * (its writer failed, or a rerun swept it) fails the read, and a finished file must be the very
 * inode that was read.
 */
export async function followFile(file: string, finalPath: (key: string) => string, verdict: () => Promise<FollowVerdict>, options: FollowOptions = {}): Promise<ByteReader> {
  return new FileFollower(await open(file, 'r'), finalPath, verdict, options.pollMs ?? 25, options.idleMs ?? 120_000);
}

/** The bytes of a finished local file into the caller's buffers. */
export async function readFileInto(file: string): Promise<ByteReader> {
  const handle = await open(file, 'r');
  let position = 0;
  return {
    read: async (into) => {
      const { bytesRead } = await handle.read(into, 0, into.length, position);
      position += bytesRead;
      return bytesRead;
    },
    close: () => handle.close(),
  };
}

class FileFollower implements ByteReader {
  private position = 0;
  private finalSize: number | null = null;
  private lastGrowth = Date.now();

  constructor(
    private readonly handle: FileHandle,
    private readonly finalPath: (key: string) => string,
    private readonly verdict: () => Promise<FollowVerdict>,
    private readonly pollMs: number,
    private readonly idleMs: number,
  ) {}

  async read(into: Buffer): Promise<number> {
    for (;;) {
      const { bytesRead } = await this.handle.read(into, 0, into.length, this.position);
      if (bytesRead > 0) {
        this.position += bytesRead;
        this.lastGrowth = Date.now();
        return bytesRead;
      }
      if (this.finalSize !== null) {
        if (this.position === this.finalSize) return 0;
        throw new Error(`followed file ended at ${this.position} bytes of ${this.finalSize}`);
      }
      await this.atEnd();
    }
  }

  /** At the end of what is written so far: wait for more, or learn the finished size; throws if the writer gave up. */
  private async atEnd(): Promise<void> {
    const own = await this.handle.stat();
    if (own.nlink === 0) throw new Error('followed file was removed before it was finished');
    const state = await this.verdict();
    if (state === 'abandoned') throw new Error('followed file was abandoned by its writer');
    if (state === 'writing') {
      if (Date.now() - this.lastGrowth > this.idleMs) throw new Error(`followed file did not grow for ${this.idleMs} ms`);
      await sleep(this.pollMs);
      return;
    }
    const finished = await stat(this.finalPath(state.finalKey));
    if (finished.ino !== own.ino || finished.dev !== own.dev) throw new Error('the finished file is not the one that was followed');
    this.finalSize = finished.size;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
