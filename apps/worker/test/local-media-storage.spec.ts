import { LocalMediaStorage } from '@baanrian/db';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

/** Certificates can be rendered twice at once (a retry beside a reissue): readers must never see half a file. */
describe('local media storage', () => {
  let dir: string;
  let storage: LocalMediaStorage;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'media-'));
    storage = new LocalMediaStorage(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // A slow body in many chunks, so concurrent writers and readers really interleave.
  const body = (fill: string, chunks: number) =>
    Readable.from((async function* () {
      for (let i = 0; i < chunks; i++) {
        yield Buffer.from(fill.repeat(4096));
        await new Promise((resolve) => setImmediate(resolve));
      }
    })());

  it('lets readers see only a whole old or a whole new file while two writers overwrite one key', async () => {
    const key = 'credentials/pdf/one.pdf';
    await storage.put(key, body('a', 8));
    const complete = new Set(['a'.repeat(8 * 4096), 'b'.repeat(16 * 4096), 'c'.repeat(4 * 4096)]);
    const writers = Promise.all([storage.put(key, body('b', 16)), storage.put(key, body('c', 4))]);
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) seen.push(await text(await storage.get(key)));
    await writers;
    seen.push(await text(await storage.get(key)));
    expect(seen.every((content) => complete.has(content))).toBe(true);
    // Nothing is left behind and listing shows the one object.
    expect((await readdir(path.join(dir, 'credentials/pdf'))).filter((name) => name.endsWith('.part'))).toEqual([]);
    const listed: string[] = [];
    for await (const object of storage.list('credentials/')) listed.push(object.key);
    expect(listed).toEqual([key]);
  });

  it('removes the partial file when the body fails, keeping the previous file', async () => {
    const key = 'credentials/pdf/two.pdf';
    await storage.put(key, body('a', 2));
    const failing = Readable.from((async function* () {
      yield Buffer.from('partial');
      throw new Error('renderer crashed');
    })());
    await expect(storage.put(key, failing)).rejects.toThrow('renderer crashed');
    expect(await text(await storage.get(key))).toBe('a'.repeat(2 * 4096));
    expect((await readdir(path.join(dir, 'credentials/pdf'))).sort()).toEqual(['two.pdf']);
  });
});
