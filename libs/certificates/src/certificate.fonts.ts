import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

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

interface LoadedFonts {
  files: Map<string, Buffer>;
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

/** Reads the font files once per process (they are ~20–40 KB each, WOFF: fontkit reads it directly). */
export function loadFonts(): LoadedFonts {
  if (loaded) return loaded;
  const dir = fontsourceDir();
  const unicode = JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  const files = new Map<string, Buffer>();
  const ranges = new Map<Subset, Array<[number, number]>>();
  for (const subset of SUBSETS) {
    ranges.set(subset, parseRanges(unicode[subset]));
    for (const weight of [400, 700] as const) {
      files.set(fontName(subset, weight), readFileSync(path.join(dir, 'files', `sarabun-${subset}-${weight}-normal.woff`)));
    }
  }
  loaded = { files, ranges };
  return loaded;
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
    const subset = SUBSETS.find((s) => covers(ranges.get(s) ?? [], segment));
    if (!subset) missing.push(segment);
    const chosen = subset ?? 'latin';
    if (current && current.subset === chosen) current.text += segment;
    else runs.push({ subset: chosen, text: segment });
  }
  return { runs, missing };
}
