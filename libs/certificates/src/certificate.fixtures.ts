import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** A hand-drawn-looking stroke as a PNG (RGBA), so tests and the docs image carry a signature. */
export function signaturePng(seed = 1, width = 300, height = 90): Buffer {
  const pixels = Buffer.alloc(width * height * 4); // transparent
  const ink = (x: number, y: number) => {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        pixels.set([20, 40, 120, 255], (py * width + px) * 4);
      }
    }
  };
  for (let t = 0; t < 1; t += 0.0005) {
    const x = 15 + t * (width - 30);
    const y = height / 2 + Math.sin(t * (9 + seed) * Math.PI) * (height / 3) * Math.cos(t * 3 + seed);
    ink(x, y);
  }
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let row = 0; row < height; row++) pixels.copy(raw, row * (width * 4 + 1) + 1, row * width * 4, (row + 1) * width * 4);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The portal's app icon stands in for an organisation logo. */
export function logoPng(): Buffer {
  return readFileSync(path.join(__dirname, '../../../apps/portal/public/icons/icon-192.png'));
}
