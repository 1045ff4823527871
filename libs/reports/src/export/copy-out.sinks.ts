import type { Writable } from 'node:stream';

/** Bytes gathered before they are written to the output, together, and progress is reported. */
export const BLOCK_BYTES = 1 << 20;
/** Blocks a BlockSink fills and writes in turn: one filling, the others queued or being written. */
const BLOCKS = 4;

/** A file written from the caller's buffers, in order: `write` resolves once the buffer may be reused (a ByteWriter of @baanrian/db). */
export interface BlockWriter {
  write(bytes: Buffer): Promise<void>;
  /** Waits for the writes and completes the file. */
  end(): Promise<void>;
  /** Waits for the writes under way and removes the file. */
  abort(): Promise<void>;
}

/** What a sink asks of the COPY reader: hold the socket until a promise settles, note that a block went out, report a failure. */
export interface SinkHost {
  /** Set once the COPY failed: nothing more is written. */
  readonly stopped: boolean;
  hold(until: Promise<void>): void;
  blockWritten(): void;
  failed(error: Error): void;
}

/** Where the rows' bytes go, as the COPY reader finds them in each socket read. */
export interface RowSink {
  /** Whether `take` copies the bytes, so that the socket may read into the same buffer again (ReusedBufferSocket). */
  readonly copies: boolean;
  /** Bytes [from, to) of `chunk` are row data. */
  take(chunk: Buffer, from: number, to: number): void;
  /** The end of what was found in `chunk`. */
  chunkDone(chunk: Buffer): void;
  /** Writes what is gathered, however little. */
  flush(): void;
  /** Settles once everything flushed so far is written (null: nothing to wait for). */
  written(): Promise<void> | null;
}

/**
 * Into a stream: each read's row bytes are moved over their 5-byte message headers in place, with
 * copyWithin, and the read's buffer goes on as it is (no allocation per row or per block).
 */
export class StreamSink implements RowSink {
  readonly copies = false;
  private pieces: Buffer[] = [];
  private size = 0;
  /** Row bytes of the current chunk, moved to its start. */
  private kept = 0;

  constructor(
    private readonly out: Writable,
    private readonly host: SinkHost,
  ) {}

  take(chunk: Buffer, from: number, to: number): void {
    if (this.kept !== from) chunk.copyWithin(this.kept, from, to);
    this.kept += to - from;
  }

  chunkDone(chunk: Buffer): void {
    if (this.kept === 0) return;
    this.pieces.push(chunk.subarray(0, this.kept));
    this.size += this.kept;
    this.kept = 0;
    if (this.size >= BLOCK_BYTES) this.flush();
  }

  flush(): void {
    if (this.size === 0 || this.host.stopped) return;
    const pieces = this.pieces;
    this.pieces = [];
    this.size = 0;
    // The pieces go on as they are: joining them into one block would allocate another 734 MB of
    // ArrayBuffers per big export, and in the worker (a 40 MB heap) that churn set off a major GC every
    // 10–16 MB: 56–75 a file joined, 45–47 not (counted in the size-L bench through the inspector).
    let room = true;
    for (const piece of pieces) room = this.out.write(piece);
    if (!room) this.host.hold(new Promise<void>((resume) => this.out.once('drain', resume)));
    this.host.blockWritten();
  }

  written(): null {
    // The exporter ends the stream and waits for it.
    return null;
  }
}

/**
 * Into a BlockWriter, through a few 1 MB blocks allocated once: the row bytes are copied out of each
 * read (so the socket can reuse its buffer), a full block is written while the next fills, and
 * the socket is held while every block waits for its write. Nothing is allocated per read or per
 * block, which leaves the garbage collector nothing to do (see copy-socket.ts).
 */
export class BlockSink implements RowSink {
  readonly copies = true;
  private readonly free: Buffer[];
  private block: Buffer;
  private used = 0;
  /** Writes under way, oldest first (the writer finishes them in order). */
  private readonly writing: Promise<void>[] = [];

  constructor(
    private readonly writer: BlockWriter,
    private readonly host: SinkHost,
  ) {
    const blocks = Array.from({ length: BLOCKS }, () => Buffer.allocUnsafeSlow(BLOCK_BYTES));
    this.block = blocks[0];
    this.free = blocks.slice(1);
  }

  take(chunk: Buffer, from: number, to: number): void {
    while (from < to) {
      const n = Math.min(to - from, BLOCK_BYTES - this.used);
      chunk.copy(this.block, this.used, from, from + n);
      this.used += n;
      from += n;
      if (this.used === BLOCK_BYTES) this.flush();
    }
  }

  chunkDone(): void {
    // Nothing refers to the chunk: its bytes are copied.
  }

  flush(): void {
    if (this.used === 0 || this.host.stopped) return;
    const block = this.block;
    const write = this.writer.write(this.used === BLOCK_BYTES ? block : block.subarray(0, this.used)).then(() => {
      this.writing.shift();
      this.free.push(block);
    });
    write.catch((error: Error) => this.host.failed(error));
    this.writing.push(write);
    this.used = 0;
    const next = this.free.shift();
    // The socket is held whenever the last free block is taken, so one is always there; should
    // that ever fail, a block of its own keeps the bytes rather than losing them.
    this.block = next ?? Buffer.allocUnsafeSlow(BLOCK_BYTES);
    if (this.free.length === 0) this.host.hold(this.writing[0]);
    this.host.blockWritten();
  }

  written(): Promise<void> | null {
    return this.writing.at(-1) ?? null;
  }
}
