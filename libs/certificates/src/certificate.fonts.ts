import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { pdfDocument } from './pdfkit.load';

/**
 * Sarabun from @fontsource/sarabun: one font file per Unicode subset (Thai, Latin, Latin-ext,
 * Vietnamese), so a line of text is cut into runs, each drawn with the file that has its glyphs.
 * Thai clusters (consonant + vowel + tone mark) stay in one run so the font's GPOS mark
 * positioning stacks the marks. The subset ranges come from the package's unicode.json, which is
 * what the files were cut by.
 */
export const SUBSETS = ['latin', 'thai', 'vietnamese', 'latin-ext'] as const;
export type Subset = (typeof SUBSETS)[number];
export type Weight = 400 | 700;

/** A parsed font as pdfkit's registerFont accepts it (a fontkit font; pdfkit's types only list bytes). */
export type ParsedFont = PDFKit.Mixins.PDFFontSource;

interface LoadedFonts {
  files: Map<string, ParsedFont>;
  ranges: Map<Subset, Array<[number, number]>>;
}

let loaded: LoadedFonts | null = null;

/** The package folder, found at run time: the API and worker bundles keep node_modules external. */
function fontsourceDir(): string {
  for (const from of [path.join(process.cwd(), 'noop.js'), __filename]) {
    try {
      return path.dirname(createRequire(from).resolve('@fontsource/sarabun/unicode.json'));
    } catch {
      // Not installed below this folder: try the next.
    }
  }
  throw new Error('@fontsource/sarabun is not installed');
}

function parseRanges(spec: string): Array<[number, number]> {
  return spec.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

/** Reads and unpacks the font files once per process (~20–40 KB each). */
export function loadFonts(): LoadedFonts {
  if (loaded) return loaded;
  const dir = fontsourceDir();
  const unicode = JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  const files = new Map<string, ParsedFont>();
  const scratch = new (pdfDocument())({ autoFirstPage: false });
  const ranges = new Map<Subset, Array<[number, number]>>();
  for (const subset of SUBSETS) {
    ranges.set(subset, parseRanges(unicode[subset]));
    for (const weight of [400, 700] as const) {
      const woff = readFileSync(path.join(dir, 'files', `sarabun-${subset}-${weight}-normal.woff`));
      // Parsed once and shared by every document: parsing 8 fonts per PDF was a third of its time.
      // pdfkit takes a fontkit font in place of bytes; this borrows pdfkit's own fontkit to parse it.
      scratch.font(woffToSfnt(woff));
      files.set(fontName(subset, weight), (scratch as unknown as { _font: { font: ParsedFont } })._font.font);
    }
  }
  loaded = { files, ranges };
  return loaded;
}

/**
 * Unpacks WOFF 1.0 into the plain TrueType file it wraps. fontkit reads WOFF too, but inflates a
 * table (in JavaScript) every time it reads one, which made each PDF take ~0.5 s; unpacking once per
 * process with zlib takes a few milliseconds. Layout: https://www.w3.org/TR/WOFF/#OverallStructure
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const at = 12 + i * 16;
    header.writeUInt32BE(table.tag, at);
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

export function fontName(subset: Subset, weight: Weight): string {
  return `sarabun-${subset}-${weight}`;
}

function covers(ranges: Array<[number, number]>, text: string): boolean {
  for (const char of text) {
    const cp = char.codePointAt(0) as number;
    if (!ranges.some(([from, to]) => cp >= from && cp <= to)) return false;
  }
  return true;
}

export interface TextRun {
  subset: Subset;
  text: string;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Which file draws a grapheme; bounded because names bring new graphemes forever. */
const subsetOf = new Map<string, Subset | null>();

function pickSubset(ranges: Map<Subset, Array<[number, number]>>, segment: string): Subset | null {
  let subset = subsetOf.get(segment);
  if (subset === undefined) {
    subset = SUBSETS.find((s) => covers(ranges.get(s) ?? [], segment)) ?? null;
    if (subsetOf.size > 20_000) subsetOf.clear();
    subsetOf.set(segment, subset);
  }
  return subset;
}

/**
 * Cuts text into runs by font file, per grapheme cluster (so a base letter and its marks share a
 * file). Spaces and digits stay in the current run's file when it has them, to keep runs long.
 */
export function fontRuns(text: string): { runs: TextRun[]; missing: string[] } {
  const { ranges } = loadFonts();
  const runs: TextRun[] = [];
  const missing: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    const current = runs[runs.length - 1];
    if (current && covers(ranges.get(current.subset) ?? [], segment)) {
      current.text += segment;
      continue;
    }
    const subset = pickSubset(ranges, segment);
    if (!subset) missing.push(segment);
    const chosen = subset ?? 'latin';
    if (current && current.subset === chosen) current.text += segment;
    else runs.push({ subset: chosen, text: segment });
  }
  return { runs, missing };
}
