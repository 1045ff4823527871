/**
 * The portal's initial-route JavaScript, gzipped (level 9): the entry script in dist/apps/portal/index.html,
 * every `<link rel=modulepreload>`, and every chunk the entry imports, statically or through its own start-up
 * dynamic imports (from Vite's .vite/manifest.json; a lazy route's `dynamicImports` are not followed). Fails above the budget.
 *
 *   npm run size:portal          (after building the portal)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 150 * 1024;

export interface SizeRow {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface PortalSize {
  rows: SizeRow[];
  totalBytes: number;
  totalGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[match[1].toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  }
  return attrs;
}

/** The initial-route JS files (paths relative to `distDir`). */
export function initialScripts(distDir: string): string[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const attrs = attributes(tag.replace(/^<\w+/, '').replace(/\/?>$/, ''));
    if (tag.toLowerCase().startsWith('<script') && attrs['type'] === 'module' && attrs['src']) files.add(attrs['src']);
    if (tag.toLowerCase().startsWith('<link') && attrs['rel'] === 'modulepreload' && attrs['href']) files.add(attrs['href']);
  }
  const manifestPath = path.join(distDir, '.vite/manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
    const seen = new Set<string>();
    const walk = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      files.add(`/${manifest[key].file}`);
      (manifest[key].imports ?? []).forEach(walk);
    };
    // The entry's own dynamic imports are its start-up, split into tasks (not lazy routes).
    Object.entries(manifest)
      .filter(([, chunk]) => chunk.isEntry)
      .forEach(([key, chunk]) => [key, ...(chunk.dynamicImports ?? [])].forEach(walk));
  }
  return [...files].map((file) => file.replace(/^\/+/, '')).filter((file) => file.endsWith('.js')).sort();
}

export function measurePortal(distDir: string, budgetBytes = BUDGET_BYTES): PortalSize {
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`No portal build at ${distDir}: build it first (npx nx run portal:build)`);
  const rows = initialScripts(distDir).map((file) => {
    const content = readFileSync(path.join(distDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const totalBytes = rows.reduce((sum, row) => sum + row.bytes, 0);
  const totalGzipBytes = rows.reduce((sum, row) => sum + row.gzipBytes, 0);
  return { rows, totalBytes, totalGzipBytes, budgetBytes, withinBudget: totalGzipBytes <= budgetBytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatPortalSize(size: PortalSize): string {
  const width = Math.max(...size.rows.map((row) => row.file.length), 'total'.length);
  const line = (file: string, raw: string, gz: string) => `${file.padEnd(width)}  ${raw.padStart(10)}  ${gz.padStart(10)}`;
  return [
    line('initial-route JS', 'raw', 'gzip -9'),
    ...size.rows.map((row) => line(row.file, kb(row.bytes), kb(row.gzipBytes))),
    line('total', kb(size.totalBytes), kb(size.totalGzipBytes)),
    `budget ${kb(size.budgetBytes)} gzipped: ${size.withinBudget ? 'within' : 'OVER'} (${((size.totalGzipBytes / size.budgetBytes) * 100).toFixed(0)}%)`,
  ].join('\n');
}

function isMain(): boolean {
  const entry = process.argv[1];
  return !!entry && path.resolve(entry).replace(/\.[cm]?[jt]s$/, '') === __filenameOrUndefined()?.replace(/\.[cm]?[jt]s$/, '');
}

function __filenameOrUndefined(): string | undefined {
  try {
    return typeof __filename === 'string' ? __filename : undefined;
  } catch {
    return undefined;
  }
}

if (isMain()) {
  const distDir = path.resolve(process.argv[2] ?? path.join(__dirname, '../../dist/apps/portal'));
  try {
    const size = measurePortal(distDir);
    console.log(formatPortalSize(size));
    process.exit(size.withinBudget ? 0 : 1);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
