import { LocalMediaStorage } from '@baanrian/db';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The local disk's writer, which the enrolment CSV export fills from four reused 1 MB blocks: each
 * write must be done with the caller's buffer when it resolves, and writes issued together must
 * land in order (a follower reading the growing file must never meet a hole).
 */
let dir: string;
let storage: LocalMediaStorage;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baanrian-writer-'));
  storage = new LocalMediaStorage(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LocalMediaStorage.writer', () => {
  it('writes blocks in the order given, each done with its buffer when its write resolves, as a 0640 file', async () => {
    const writer = await storage.writer('exports/a/tmp-1.csv');
    const block = Buffer.alloc(256 << 10);
    const expected: Buffer[] = [];
    for (let i = 0; i < 12; i++) {
      block.fill(65 + i);
      expected.push(Buffer.from(block));
      // Refilled only once the write is done with it.
      await writer.write(block);
    }
    // Issued together without waiting: still in order.
    const separate = Array.from({ length: 8 }, (_, i) => Buffer.alloc(100_003, 97 + i));
    await Promise.all(separate.map((b) => writer.write(b)));
    await writer.end();
    const file = path.join(dir, 'exports/a/tmp-1.csv');
    expect((await readFile(file)).equals(Buffer.concat([...expected, ...separate]))).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(await storage.stat('exports/a/tmp-1.csv')).toMatchObject({ size: 12 * (256 << 10) + 8 * 100_003 });
  });

  it('removes the file on abort, and refuses writes once ended', async () => {
    const aborted = await storage.writer('exports/b/tmp-2.csv');
    await aborted.write(Buffer.from('half a file'));
    await aborted.abort();
    expect(await storage.stat('exports/b/tmp-2.csv')).toBeNull();

    const ended = await storage.writer('exports/b/tmp-3.csv');
    await ended.write(Buffer.from('whole'));
    await ended.end();
    await expect(ended.write(Buffer.from('more'))).rejects.toThrow(/already closed/);
    expect(await readFile(path.join(dir, 'exports/b/tmp-3.csv'), 'utf8')).toBe('whole');
  });

  it('rejects a key outside its root, as every other method does', async () => {
    await expect(storage.writer('../escape.csv')).rejects.toThrow(/invalid media storage key/);
  });
});
