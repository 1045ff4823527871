import { Stream, type Writable } from 'node:stream';
import type { ClientBase } from 'pg';
import { BlockSink, type BlockWriter, type RowSink, type SinkHost, StreamSink } from './copy-out.sinks';
import { ReusedBufferSocket } from './copy-socket';

export type { BlockWriter };
/** Below this much read in one turn, the reader waits PACE_MS before reading on (see endOfTurn). */
const PACE_BYTES = 64 << 10;
const PACE_MS = 1;

// Backend message types (PostgreSQL protocol, "Message Formats").
const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const ERROR_RESPONSE = 0x45; // 'E'
const HEADER_BYTES = 5; // type byte, then a 4-byte length that counts itself

type DataHandler = (chunk: Buffer) => void;
/** The parts of pg's Connection that a COPY reader takes over (as pg-copy-streams does). */
interface PgConnection {
  stream: NodeJS.ReadableStream & { listeners(event: 'data'): DataHandler[] };
  query(text: string): void;
}

export interface CopyOutOptions {
  /** Called with the rows written so far after each MB or so; the COPY waits while a returned promise is pending. */
  onRows?: (rows: number) => void | Promise<void>;
}

/**
 * Runs `COPY … TO STDOUT` on `client` and writes the rows' bytes to `out`, about 1 MB at a time
 * (without ending it; a BlockWriter's writes are all done when this resolves). Resolves with
 * PostgreSQL's own row count from the command tag.
 *
 * Why not pg-copy-streams: it cuts every row into its own Buffer and sends each socket read (8–16 kB
 * at COPY's pace, 70,000–90,000 of them in a 734 MB export) through a Readable and every stage
 * after it. Here each read is parsed where it lies, the rows are counted as they pass (so progress
 * is exact), and the output is written about 1 MB at a time: into a stream, the read buffers
 * themselves go on (StreamSink); into a BlockWriter, the bytes are copied into a few reused blocks,
 * and on a ReusedBufferSocket nothing at all is allocated per read (BlockSink).
 */
export function copyOut(client: ClientBase, sql: string, out: Writable | BlockWriter, options: CopyOutOptions = {}): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    client.query(new CopyOutQuery(sql, out, options, resolve, reject) as never);
  });
}

class CopyOutQuery implements SinkHost {
  private connection?: PgConnection;
  private pgHandler?: DataHandler;
  private readonly sink: RowSink;
  /** The ReusedBufferSocket whose reads come straight to us, while they do. */
  private tapped: ReusedBufferSocket | null = null;
  private readonly onData = (chunk: Buffer) => {
    this.turnBytes += chunk.length;
    if (!this.turnEnding) {
      this.turnEnding = true;
      setImmediate(this.endOfTurn);
    }
    this.parse(chunk);
  };
  private handedBack = false;
  /** Bytes read from the socket in this turn of the event loop. */
  private turnBytes = 0;
  private turnEnding = false;

  /**
   * A turn that found little on the socket means PostgreSQL is the slower side: reading each piece
   * as it lands (8–16 kB at COPY's pace) costs a wake-up, a read call and a callback per piece. Waiting
   * PACE_MS lets the kernel gather the next ~100 kB, read then in a few calls. Measured on 890 MB at
   * 150 MB/s into a file: 95,000 reads and 2.4 CPU seconds without the wait, 24,000 reads and
   * 1.3–1.5 s with it (pg-copy-streams: 3.5–3.7 s), and the COPY no slower. A turn with plenty to
   * read (we are the slower side) goes straight on.
   */
  private readonly endOfTurn = () => {
    this.turnEnding = false;
    const bytes = this.turnBytes;
    this.turnBytes = 0;
    if (bytes >= PACE_BYTES || this.holds > 0 || this.handedBack || this.settled) return;
    this.hold(new Promise<void>((resolve) => setTimeout(resolve, PACE_MS)));
  };
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerBytes = 0;
  private code = 0;
  /** Payload bytes of the current message still to come. */
  private remaining = 0;
  private rows = 0;
  /** Reasons the socket is paused (a full output, a pending progress callback). */
  private holds = 0;
  private rowCount = 0;
  private settled = false;
  /** ReadyForQuery came while a hold was on: resolve once it is off. */
  private readyPending = false;
  private failure: Error | null = null;

  private readonly stream: Writable | null;

  constructor(
    private readonly text: string,
    out: Writable | BlockWriter,
    private readonly options: CopyOutOptions,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.stream = out instanceof Stream ? (out as Writable) : null;
    this.sink = this.stream ? new StreamSink(this.stream, this) : new BlockSink(out as BlockWriter, this);
  }

  /** Called by pg when the query's turn comes: take the socket from pg's parser, then send the query. */
  submit(connection: PgConnection): void {
    this.connection = connection;
    const [handler, ...others] = connection.stream.listeners('data');
    if (!handler || others.length) throw new Error('copyOut: expected exactly one data listener on the connection');
    this.pgHandler = handler;
    if (connection.stream instanceof ReusedBufferSocket && this.sink.copies) {
      // The reads come to us in the socket's own buffer; pg's handler stays, for when we hand back.
      this.tapped = connection.stream;
      this.tapped.tap(this.onData);
    } else {
      connection.stream.removeListener('data', handler);
      connection.stream.on('data', this.onData);
    }
    this.stream?.on('error', this.onOutError);
    this.stream?.on('close', this.onOutClose);
    connection.query(this.text);
  }

  private readonly onOutError = (error: Error) => {
    // The connection is left inside the COPY: the caller must release it with the error (which
    // closes it). Until then, whatever still arrives is dropped, never handed to pg mid-COPY.
    if (this.tapped) this.tapped.tap(() => undefined);
    else this.connection?.stream.removeListener('data', this.onData);
    this.connection?.stream.pause();
    this.fail(error);
  };

  get stopped(): boolean {
    return this.failure !== null;
  }

  failed(error: Error): void {
    this.onOutError(error);
  }

  blockWritten(): void {
    const saving = this.options.onRows?.(this.rows);
    if (saving) this.hold(saving);
  }

  /** A reader that went away (a client closing a download) closes the output without an error. */
  private readonly onOutClose = () => this.onOutError(new Error('copyOut: the output was closed before the end'));

  private parse(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, n - i);
        if (this.code === COPY_DATA) this.sink.take(chunk, i, i + take);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0 && this.code === COPY_DATA) this.rows += 1;
        continue;
      }
      let cutHeader = false;
      if (this.headerBytes > 0 || n - i < HEADER_BYTES) {
        // A header cut between two reads: gather its bytes first.
        const take = Math.min(HEADER_BYTES - this.headerBytes, n - i);
        chunk.copy(this.header, this.headerBytes, i, i + take);
        this.headerBytes += take;
        i += take;
        if (this.headerBytes < HEADER_BYTES) break;
        this.headerBytes = 0;
        this.code = this.header[0];
        this.remaining = this.header.readUInt32BE(1) - 4;
        cutHeader = true;
      } else {
        this.code = chunk[i];
        this.remaining = chunk.readUInt32BE(i + 1) - 4;
        i += HEADER_BYTES;
      }
      if (this.code === ERROR_RESPONSE || this.code === COPY_DONE) {
        // pg reads the error from its first byte (and calls handleError); after CopyDone it reads
        // CommandComplete and ReadyForQuery.
        const error = this.code === ERROR_RESPONSE;
        let rest = error && cutHeader ? Buffer.concat([this.header, chunk.subarray(i)]) : chunk.subarray(error ? i - HEADER_BYTES : i);
        // pg's parser may keep what it is handed, and a tapped socket reads into this buffer again.
        if (this.tapped && rest.buffer === chunk.buffer) rest = Buffer.from(rest);
        this.sink.chunkDone(chunk);
        if (!error) {
          this.sink.flush();
          const written = this.sink.written();
          if (written) this.hold(written);
        }
        this.handBack(rest);
        return;
      }
    }
    this.sink.chunkDone(chunk);
  }

  /** Pauses the socket until `until` settles (a full output, progress being saved, a block being written). */
  hold(until: Promise<void>): void {
    const stream = this.connection?.stream;
    if (!stream) return;
    this.holds += 1;
    stream.pause();
    until.then(
      () => {
        this.holds -= 1;
        if (this.holds > 0 || this.failure) return;
        if (this.readyPending) this.succeed();
        else stream.resume();
      },
      (error: Error) => this.onOutError(error),
    );
  }

  private handBack(rest: Buffer): void {
    const connection = this.connection;
    const pgHandler = this.pgHandler;
    if (!connection || !pgHandler) return;
    this.handedBack = true;
    if (this.tapped) this.tapped.untap();
    else {
      connection.stream.removeListener('data', this.onData);
      connection.stream.on('data', pgHandler);
    }
    if (rest.length) pgHandler(rest);
    // What follows is pg's to read, even while a hold is on: the hold only delays our promise (or,
    // after an error, nothing), and a paused socket would leave ReadyForQuery unread.
    connection.stream.resume();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.settled) return;
    this.settled = true;
    this.unlisten();
    this.reject(error);
  }

  private unlisten(): void {
    this.stream?.removeListener('error', this.onOutError);
    this.stream?.removeListener('close', this.onOutClose);
  }

  // pg calls these once it has the connection's messages back.
  handleCommandComplete(message: { text?: string }): void {
    const match = /COPY (\d+)/.exec(message.text ?? '');
    if (match) this.rowCount = Number(match[1]);
  }

  handleReadyForQuery(): void {
    if (this.settled) return;
    if (this.failure) return this.fail(this.failure);
    // The last block may still be draining, or the last progress being saved.
    if (this.holds > 0) this.readyPending = true;
    else this.succeed();
  }

  private succeed(): void {
    this.settled = true;
    this.unlisten();
    // The socket was paused by the last hold: pg's next query needs it flowing.
    this.connection?.stream.resume();
    this.resolve(this.rowCount);
  }

  handleError(error: Error): void {
    this.fail(error);
  }

  handleEmptyQuery(): void {
    this.fail(new Error('copyOut: empty query'));
  }
}
