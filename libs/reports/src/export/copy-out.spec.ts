import { createTestDatabase, type TestDatabase } from '@baanrian/testing';
import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { Client, Pool, type PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { type BlockWriter, copyOut } from './copy-out';
import { copySocket, ReusedBufferSocket } from './copy-socket';

/**
 * copyOut reads PostgreSQL's COPY protocol itself. Against a real server it must write the very
 * bytes pg-copy-streams (an independent reader) gets, hold back for a slow output, and leave the
 * connection usable after an error; the protocol edge cases (a header cut between two socket reads)
 * are replayed byte by byte through a stand-in socket, since a real one cannot be made to cut there.
 */
let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 3 });
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

// Rows of different lengths, Thai text, quotes and commas: about 20 MB over 200,000 rows.
const ROWS = 200_000;
const SQL = `COPY (SELECT i, repeat('ผู้เรียน "ก", ', i % 7), md5(i::text) FROM generate_series(1, ${ROWS}) AS i) TO STDOUT WITH (FORMAT csv)`;

async function withClient<T>(use: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await use(client);
    client.release();
    return result;
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}

async function reference(): Promise<Buffer> {
  return withClient(async (client) => {
    const chunks: Buffer[] = [];
    await pipeline(client.query(copyTo(SQL)), new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) }));
    return Buffer.concat(chunks);
  });
}

/** An output that records each write, taking `delayMs` to accept one. */
function recorder(delayMs = 0, highWaterMark = 1 << 20) {
  const writes: Buffer[] = [];
  let mostQueued = 0;
  const out = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk);
      mostQueued = Math.max(mostQueued, out.writableLength);
      if (delayMs) setTimeout(done, delayMs);
      else done();
    },
  });
  return { out, writes, mostQueued: () => mostQueued };
}

describe('copyOut against PostgreSQL', () => {
  it('writes the same bytes as pg-copy-streams, about 1 MB at a time, with the exact row count', async () => {
    const expected = await reference();
    const { out, writes } = recorder();
    // At each progress report: the rows reported, and the bytes written by then.
    const progress: { rows: number; bytes: number }[] = [];
    const written = () => writes.reduce((sum, w) => sum + w.length, 0);
    const rows = await withClient((client) => copyOut(client, SQL, out, { onRows: (n) => void progress.push({ rows: n, bytes: written() }) }));
    expect(rows).toBe(ROWS);
    expect(Buffer.concat(writes).equals(expected)).toBe(true);
    // Written in bursts of about 1 MB, each one followed by a report of exactly the rows it completed.
    expect(progress.length).toBeGreaterThanOrEqual(Math.floor(expected.length / (1 << 20)));
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(expected.length / (1 << 20)));
    progress.slice(1, -1).forEach((p, i) => expect(p.bytes - progress[i].bytes).toBeGreaterThanOrEqual(1 << 20));
    for (const p of progress) {
      let lines = 0;
      for (let at = expected.indexOf(10); at >= 0 && at < p.bytes; at = expected.indexOf(10, at + 1)) lines++;
      expect(p.rows).toBe(lines);
    }
  });

  it('holds the COPY back while a slow output catches up, without losing a byte', async () => {
    const expected = await reference();
    const { out, writes, mostQueued } = recorder(3, 1 << 20);
    let calls = 0;
    let waited = 0;
    const rows = await withClient((client) =>
      copyOut(client, SQL, out, {
        // Every other progress save takes a while: the COPY waits for it too.
        onRows: () => (++calls % 2 ? new Promise<void>((resolve) => setTimeout(() => (waited++, resolve()), 5)) : undefined),
      }),
    );
    expect(rows).toBe(ROWS);
    // What is still queued in the output is written once it is ended (as the exporter does).
    out.end();
    await finished(out);
    expect(Buffer.concat(writes).equals(expected)).toBe(true);
    // Without the hold every block would queue up in the output: 20 MB.
    expect(mostQueued()).toBeLessThanOrEqual(2 << 20);
    expect(waited).toBe(Math.ceil(calls / 2));
    expect(calls).toBeGreaterThan(10);
  });

  it('rejects with PostgreSQL’s error half-way and leaves the connection ready for the next query', async () => {
    const { out, writes } = recorder();
    await withClient(async (client) => {
      await expect(copyOut(client, `COPY (SELECT i, 1 / (i - 150000) FROM generate_series(1, 200000) AS i) TO STDOUT WITH (FORMAT csv)`, out)).rejects.toThrow(/division by zero/);
      expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
    });
    // What was written before the error are the first rows, in order, none from row 150,000 on.
    const lines = Buffer.concat(writes).toString().split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(150_000);
    lines.forEach((line, i) => expect(line).toBe(`${i + 1},0`));
  });

  it('leaves the connection ready after PostgreSQL’s error even while a slow output holds the COPY back', async () => {
    const { out } = recorder(10, 64 << 10);
    await withClient(async (client) => {
      await expect(copyOut(client, `COPY (SELECT i, repeat('x', 200), 1 / (i - 40000) FROM generate_series(1, 200000) AS i) TO STDOUT WITH (FORMAT csv)`, out)).rejects.toThrow(/division by zero/);
      expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
    });
  });

  it.each([
    ['fails', new Error('disk full'), 'disk full'],
    ['is closed by a reader that went away', undefined, 'closed before the end'],
  ])('rejects when the output %s, and the connection is then thrown away', async (_what, error, message) => {
    const out = new PassThrough();
    let taken = 0;
    out.on('data', (chunk: Buffer) => {
      taken += chunk.length;
      if (taken > 3 << 20) out.destroy(error);
    });
    out.on('error', () => undefined);
    const client = await pool.connect();
    await expect(copyOut(client, SQL, out)).rejects.toThrow(message);
    client.release(new Error(message));
    expect((await pool.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
  });
});

/** A BlockWriter that keeps a copy of each write once it is done, taking `delayMs` over each one, one at a time. */
function blockRecorder(delayMs = 0, failAfterBytes = Infinity) {
  const writes: Buffer[] = [];
  const buffers = new Set<ArrayBufferLike>();
  let pending = 0;
  let mostPending = 0;
  let taken = 0;
  let queue = Promise.resolve();
  const writer: BlockWriter = {
    write(bytes) {
      buffers.add(bytes.buffer);
      pending += 1;
      mostPending = Math.max(mostPending, pending);
      const done = queue.then(async () => {
        if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
        taken += bytes.length;
        if (taken > failAfterBytes) throw new Error('disk full');
        // Copied only now: a block filled again before its write finished would show here.
        writes.push(Buffer.from(bytes));
        pending -= 1;
      });
      queue = done.catch(() => undefined);
      return done;
    },
    end: () => queue,
    abort: () => queue,
  };
  return { writer, writes, buffers, mostPending: () => mostPending };
}

/** A connection of its own over a ReusedBufferSocket, and the bytes that socket emitted as 'data' (what pg parsed). */
async function reusedBufferClient() {
  let socket: ReusedBufferSocket | undefined;
  const client = new Client({ connectionString: database.url, stream: () => (socket = copySocket() as ReusedBufferSocket) });
  await client.connect();
  const emitted = { bytes: 0 };
  const s = socket as ReusedBufferSocket;
  const emit = s.emit.bind(s);
  s.emit = ((event: string, ...args: unknown[]) => {
    if (event === 'data') emitted.bytes += (args[0] as Buffer).length;
    return emit(event, ...args);
  }) as typeof s.emit;
  return { client, socket: s, emitted };
}

describe('copyOut into reused blocks, over a ReusedBufferSocket', () => {
  it('writes the same bytes from four 1 MB blocks, reading through the socket’s one buffer, and hands the connection back to pg', async () => {
    const expected = await reference();
    const { writer, writes, buffers } = blockRecorder();
    const { client, socket, emitted } = await reusedBufferClient();
    try {
      expect(socket).toBeInstanceOf(ReusedBufferSocket);
      const reports: number[] = [];
      const before = emitted.bytes;
      const rows = await copyOut(client as unknown as PoolClient, SQL, writer, { onRows: (n) => void reports.push(n) });
      expect(rows).toBe(ROWS);
      expect(Buffer.concat(writes).equals(expected)).toBe(true);
      // Whole blocks but the last, from the same four buffers, and a progress report after each.
      expect(writes.slice(0, -1).every((w) => w.length === 1 << 20)).toBe(true);
      expect(buffers.size).toBe(4);
      expect(reports).toHaveLength(writes.length);
      // The COPY's 20 MB never went through 'data' (a new buffer per read): only what pg parses after it did.
      expect(emitted.bytes - before).toBeLessThan(1000);
      expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
      expect(emitted.bytes - before).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('holds the COPY while the writes lag, reusing no block before its write is done', async () => {
    const expected = await reference();
    const { writer, writes, mostPending } = blockRecorder(4);
    const { client } = await reusedBufferClient();
    try {
      expect(await copyOut(client as unknown as PoolClient, SQL, writer)).toBe(ROWS);
      // copyOut resolves once every write is done.
      expect(Buffer.concat(writes).equals(expected)).toBe(true);
      expect(mostPending()).toBeLessThanOrEqual(3);
    } finally {
      await client.end();
    }
  });

  it('rejects with PostgreSQL’s error half-way and leaves the connection ready for the next query', async () => {
    const { writer, writes } = blockRecorder();
    const { client } = await reusedBufferClient();
    try {
      await expect(copyOut(client as unknown as PoolClient, `COPY (SELECT i, 1 / (i - 150000) FROM generate_series(1, 200000) AS i) TO STDOUT WITH (FORMAT csv)`, writer)).rejects.toThrow(/division by zero/);
      expect((await client.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
      const lines = Buffer.concat(writes).toString().split('\n').slice(0, -1);
      expect(lines.length).toBeLessThan(150_000);
      lines.forEach((line, i) => expect(line).toBe(`${i + 1},0`));
    } finally {
      await client.end();
    }
  });

  it('rejects with the writer’s error, writing nothing after it', async () => {
    const { writer, writes } = blockRecorder(1, 3 << 20);
    const { client } = await reusedBufferClient();
    try {
      await expect(copyOut(client as unknown as PoolClient, SQL, writer)).rejects.toThrow('disk full');
      expect(Buffer.concat(writes).length).toBe(3 << 20);
    } finally {
      await client.end().catch(() => undefined);
    }
  });

  it('copies each read into the blocks over a plain socket too', async () => {
    const expected = await reference();
    const { writer, writes } = blockRecorder();
    expect(await withClient((client) => copyOut(client, SQL, writer))).toBe(ROWS);
    expect(Buffer.concat(writes).equals(expected)).toBe(true);
  });
});

/** Protocol messages as the backend sends them. */
const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};

/** A stand-in for pg's connection: a socket that emits `bytes` in pieces of `size`, and pg's own handler recording what it is handed. */
function replay(bytes: Buffer, size: number, out: Writable | BlockWriter) {
  const socket = Object.assign(new EventEmitter(), { pause: () => undefined, resume: () => undefined });
  const handedToPg: Buffer[] = [];
  let query: { handleCommandComplete(m: { text: string }): void; handleReadyForQuery(): void; handleError(e: Error): void } | undefined;
  socket.on('data', (rest: Buffer) => {
    handedToPg.push(rest);
    const all = Buffer.concat(handedToPg);
    if (all[0] === 0x45) return query?.handleError(new Error('from the server'));
    const tag = /COPY \d+/.exec(all.toString('latin1'));
    if (tag && all.includes('Z')) {
      query?.handleCommandComplete({ text: tag[0] });
      query?.handleReadyForQuery();
    }
  });
  const client = {
    query(submittable: typeof query & { submit(c: unknown): void }) {
      query = submittable;
      submittable.submit({ stream: socket, query: () => setImmediate(() => { for (let i = 0; i < bytes.length; i += size) socket.emit('data', Buffer.from(bytes.subarray(i, i + size))); }) });
    },
  };
  return { result: copyOut(client as unknown as PoolClient, 'COPY …', out), handedToPg };
}

describe('copyOut reading the protocol', () => {
  const rows = Array.from({ length: 40 }, (_, i) => Buffer.from(`${i},"แถว ${'x'.repeat(i % 6)}"\n`));
  const start = message('H', Buffer.from([0, 0, 2, 0, 0, 0, 0]));
  const end = Buffer.concat([message('c', Buffer.alloc(0)), message('C', Buffer.from('COPY 40\0')), message('Z', Buffer.from('I'))]);
  // A notice between rows is skipped, as the protocol allows.
  const stream = Buffer.concat([start, ...rows.slice(0, 20).map((r) => message('d', r)), message('N', Buffer.from('Snotice\0\0')), ...rows.slice(20).map((r) => message('d', r)), end]);

  it.each([1, 2, 3, 4, 5, 6, 7, 11, 64, 100_000])('gets the rows whole when the socket hands over %i bytes at a time', async (size) => {
    const { out, writes } = recorder();
    const { result, handedToPg } = replay(stream, size, out);
    await expect(result).resolves.toBe(40);
    expect(Buffer.concat(writes).toString()).toBe(Buffer.concat(rows).toString());
    // pg gets back exactly what follows CopyDone: CommandComplete and ReadyForQuery.
    expect(Buffer.concat(handedToPg).equals(end.subarray(5))).toBe(true);
  });

  it.each([1, 5, 7, 64, 100_000])('gets the rows whole into reused blocks when the socket hands over %i bytes at a time', async (size) => {
    const { writer, writes } = blockRecorder();
    const { result, handedToPg } = replay(stream, size, writer);
    await expect(result).resolves.toBe(40);
    expect(Buffer.concat(writes).toString()).toBe(Buffer.concat(rows).toString());
    expect(Buffer.concat(handedToPg).equals(end.subarray(5))).toBe(true);
  });

  it.each([1, 3, 5, 9])('hands an error to pg from its first byte, even when its header is cut (%i bytes at a time)', async (size) => {
    const error = message('E', Buffer.from('SERROR\0Mboom\0\0'));
    const { out } = recorder();
    const { result, handedToPg } = replay(Buffer.concat([start, ...rows.slice(0, 5).map((r) => message('d', r)), error, message('Z', Buffer.from('I'))]), size, out);
    await expect(result).rejects.toThrow('from the server');
    expect(Buffer.concat(handedToPg).subarray(0, error.length).equals(error)).toBe(true);
  });
});
