import { createInflateRaw } from 'node:zlib';
import { EnrollmentsException } from './enrollments.exception';

/**
 * Most an XLSX bulk file may unpack to, all parts together. A class list of 100,000 learners is
 * about 15 MB of sheet XML; exceljs holds every part in memory (and its cells as objects), so a
 * zip bomb (a few MB that inflate to gigabytes) must be stopped before it reaches exceljs.
 */
export const MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024;
/** An XLSX has a dozen parts; thousands of tiny ones are another way to make a parser work. */
const MAX_XLSX_ENTRIES = 1000;

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const unreadable = () => new EnrollmentsException('ENROLLMENT_IMPORT_UNREADABLE');
const tooLarge = (limit: number) => new EnrollmentsException('ENROLLMENT_IMPORT_UNPACKED_TOO_LARGE', { limit: `${limit / 1024 / 1024} MB` });

/**
 * Refuses a zip that unpacks to more than `limit` bytes. Every entry the central directory lists
 * (what JSZip, under exceljs, reads too) is inflated here while counting the bytes it really yields,
 * keeping none of them: the sizes a zip declares can lie. Inflation stops as soon as the total
 * passes the limit, so memory stays at a few zlib buffers and time at `limit` bytes of inflation.
 * Zip64 and compression methods other than stored and deflate (XLSX uses only these) are unreadable.
 */
export async function assertUnpacksWithin(bytes: Buffer, limit = MAX_XLSX_UNPACKED_BYTES): Promise<void> {
  let total = 0;
  for (const entry of centralDirectory(bytes)) {
    const data = entryData(bytes, entry);
    total += entry.method === 0 ? data.length : await inflatedSize(data, limit - total);
    if (total > limit) throw tooLarge(limit);
  }
}

function centralDirectory(bytes: Buffer): ZipEntry[] {
  const end = endOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw unreadable();
  if (count > MAX_XLSX_ENTRIES) throw tooLarge(MAX_XLSX_UNPACKED_BYTES);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) throw unreadable();
    const method = bytes.readUInt16LE(offset + 10);
    if (method !== 0 && method !== 8) throw unreadable();
    entries.push({ method, compressedSize: bytes.readUInt32LE(offset + 20), localHeaderOffset: bytes.readUInt32LE(offset + 42) });
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return entries;
}

/** The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KB. */
function endOfCentralDirectory(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === 0x06054b50) return at;
  }
  throw unreadable();
}

function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw unreadable();
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) throw unreadable();
  return bytes.subarray(start, start + entry.compressedSize);
}

/** How many bytes `data` inflates to, counting no further than just past `budget`. */
function inflatedSize(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(unreadable()));
    inflate.end(data);
  });
}
