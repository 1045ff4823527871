import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value as PostgreSQL's COPY text format wants it; objects become jsonb, arrays text[]. */
export type CopyValue = string | number | boolean | null | Date | string[] | object;

const SPECIAL = /[\\\t\n\r]/;
// Most values (ids, codes, timestamps) have nothing to escape: one test instead of four replaces.
const escapeText = (text: string) => (SPECIAL.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text);

/** `{"a","b \"c\""}`: a text[] literal, each element quoted. */
const arrayLiteral = (items: string[]) => `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  if (typeof value === 'object') return escapeText(JSON.stringify(value));
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeText(String(value));
}

/**
 * Streams rows into `table` with COPY FROM STDIN (text format), in chunks of about 1 MB, waiting
 * for the socket to drain so 250,000 rows never sit in memory at once. Returns the row count.
 */
export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: Iterable<CopyValue[]>): Promise<number> {
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let count = 0;
  let chunk = '';
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`${table}: row ${count} has ${row.length} values for ${columns.length} columns`);
    chunk += `${row.map(copyField).join('\t')}\n`;
    count++;
    if (chunk.length >= 1 << 20) {
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
      chunk = '';
    }
  }
  stream.end(chunk);
  await done;
  return count;
}
