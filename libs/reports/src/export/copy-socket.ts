import net from 'node:net';

/** Bytes a read may bring: more than the 8–100 kB a COPY at full pace leaves between two reads. */
const READ_BUFFER_BYTES = 256 << 10;

/**
 * A socket for pg (its `stream` option) that reads into one buffer, reused for every read (Node's
 * `onread`), instead of a new ArrayBuffer per read. A 734 MB COPY is 10,000–25,000 reads: as new
 * buffers, that churn set off 45–47 major garbage collections an export in the worker.
 *
 * While a reader is tapped in (copyOut's), each read goes to it as a view of the shared buffer, to be
 * copied before it returns. Otherwise each read is copied into a buffer of its own and emitted as
 * 'data', as a plain socket does: pg's parser may keep a piece across reads.
 */
export class ReusedBufferSocket extends net.Socket {
  private tapped: ((bytes: Buffer) => void) | null = null;

  constructor() {
    const buffer = Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
    // Reads arrive only once connected, after the constructor has set the route.
    const route: { to?: (view: Buffer) => void } = {};
    const callback = (bytes: number, into: Uint8Array) => {
      route.to?.(Buffer.from(into.buffer, into.byteOffset, bytes));
      // Reading goes on; a reader that needs it to stop pauses the socket.
      return true;
    };
    super({ onread: { buffer, callback } });
    route.to = (view) => this.received(view);
  }

  /** Sends every read to `reader` (which must copy what it keeps) until `untap`. */
  tap(reader: (bytes: Buffer) => void): void {
    this.tapped = reader;
  }

  untap(): void {
    this.tapped = null;
  }

  private received(view: Buffer): void {
    if (this.tapped) this.tapped(view);
    else this.emit('data', Buffer.from(view));
  }
}

/** pg's `stream` option: the reused-buffer socket, unless the connection is to be TLS (whose own layer reads the socket). */
export function copySocket(config: { ssl?: unknown } = {}): net.Socket {
  return config.ssl ? new net.Socket() : new ReusedBufferSocket();
}
