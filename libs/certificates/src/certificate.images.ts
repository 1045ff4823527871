import { createHash } from 'node:crypto';
import { crc32, deflateSync, inflateSync } from 'node:zlib';

/**
 * Signatures and logos are usually PNGs with transparency. pdfkit decodes such a PNG in JavaScript
 * for every document to split off the alpha channel (~15 ms of a ~40 ms certificate); an opaque RGB
 * PNG it copies through undecoded. The certificate background is white, so each image is flattened
 * onto white once per process and the opaque copy is reused. Anything this reader does not handle
 * (palette, 16-bit, interlaced, JPEG, broken files) is returned unchanged for pdfkit to deal with.
 */
const cache = new Map<string, Buffer>();
const CACHE_SIZE = 64;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function opaqueOnWhite(image: Buffer): Buffer {
  const key = createHash('sha256').update(image).digest('hex');
  const hit = cache.get(key);
  if (hit) return hit;
  let result = image;
  try {
    result = flatten(image) ?? image;
  } catch {
    // Not a PNG this reader understands: pdfkit reads it (or reports it) as given.
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

function flatten(png: Buffer): Buffer | null {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      const [depth, colorType, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || interlace !== 0 || (colorType !== 6 && colorType !== 4)) return null; // only alpha PNGs need work
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      channels = colorType === 6 ? 4 : 2;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!width || !height || width * height > 4_000_000) return null;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) return null;
  const out = Buffer.alloc((width * 3 + 1) * height);
  let previous: Buffer = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const line = unfilter(raw[y * (stride + 1)], raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), previous, channels);
    const target = y * (width * 3 + 1) + 1;
    for (let x = 0; x < width; x++) {
      const alpha = line[x * channels + channels - 1] / 255;
      for (let c = 0; c < 3; c++) {
        const value = channels === 4 ? line[x * 4 + c] : line[x * 2];
        out[target + x * 3 + c] = Math.round(value * alpha + 255 * (1 - alpha));
      }
    }
    previous = line;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(out)), chunk('IEND', Buffer.alloc(0))]);
}

/** PNG scanline filters, https://www.w3.org/TR/png/#9Filters */
function unfilter(filter: number, line: Buffer, previous: Buffer, bpp: number): Buffer {
  const out = Buffer.from(line);
  for (let i = 0; i < out.length; i++) {
    const left = i >= bpp ? out[i - bpp] : 0;
    const up = previous[i];
    const upLeft = i >= bpp ? previous[i - bpp] : 0;
    let add = 0;
    if (filter === 1) add = left;
    else if (filter === 2) add = up;
    else if (filter === 3) add = (left + up) >> 1;
    else if (filter === 4) {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    } else if (filter !== 0) throw new Error(`unknown PNG filter ${filter}`);
    out[i] = (out[i] + add) & 0xff;
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
