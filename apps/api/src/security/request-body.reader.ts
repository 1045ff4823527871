import type { Request } from 'express';

/** How much of a refused body is read (and thrown away) after the answer, and for how long. */
const DISCARD_BYTES = 1024 * 1024;
const DISCARD_MS = 2000;

/**
 * A refusal sent before the body was read. The answer goes out at once; then a little more of the
 * body is read and thrown away, so the client can read the answer before the connection closes
 * (closing with unread data resets the connection, and many clients then lose the answer). A
 * client that keeps sending is cut off after DISCARD_BYTES or DISCARD_MS: a huge body is never
 * read to the end.
 */
export function closing<E extends Error>(req: Request, error: E): E {
  if (req.complete) return error;
  req.res?.once('finish', () => {
    let discarded = 0;
    const cut = () => req.socket.destroy();
    const timer = setTimeout(cut, DISCARD_MS).unref();
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_BYTES) cut();
    });
    req.once('end', () => clearTimeout(timer));
    req.resume();
  });
  return error;
}

/**
 * The raw body, at most `limit` bytes. Past the limit it stops reading at once and rejects with
 * `tooLarge()`, answered before the rest arrives (see `closing`). Not `for await`: leaving that
 * loop destroys the request, and with it the socket the 413 must go out on.
 */
export function readBodyWithin(req: Request, limit: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(closing(req, tooLarge()));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
