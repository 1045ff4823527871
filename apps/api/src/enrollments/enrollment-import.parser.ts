import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { assertUnpacksWithin } from './enrollment-import.unzip-limit';
import { EnrollmentsException } from './enrollments.exception';

/** A bulk file read into lines: the header, the data rows with their line numbers, and lines that were not UTF-8. */
export interface ParsedSheet {
  header: string[];
  rows: { line: number; cells: string[] }[];
  /** Lines (1-based) whose bytes are not valid UTF-8, e.g. Thai saved as TIS-620/Windows-874 or Latin-1. */
  badEncodingLines: number[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** XLSX (a zip: recognised by its bytes) or CSV; the name may not say otherwise (see assertBulkFileType). */
export async function parseBulkFile(bytes: Buffer, fileName = ''): Promise<ParsedSheet> {
  assertBulkFileType(bytes, fileName);
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return parseXlsx(bytes);
  return parseCsv(bytes);
}

const TEXT_EXTENSIONS = ['csv', 'tsv', 'txt'];

/**
 * Only CSV and XLSX: a zip must be named .xlsx (or have no extension), anything else must be text
 * (no NUL byte: images, executables, PDFs and UTF-16 exports all have them) named .csv, .tsv or
 * .txt. So `photo.png` holding a page with a script, or an ELF renamed, is refused, not "read".
 */
export function assertBulkFileType(bytes: Buffer, fileName: string): void {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1].toLowerCase() ?? null;
  const ok = bytes.subarray(0, 4).equals(ZIP_MAGIC)
    ? extension === null || extension === 'xlsx'
    : (extension === null || TEXT_EXTENSIONS.includes(extension)) && !bytes.includes(0);
  if (!ok) throw new EnrollmentsException('ENROLLMENT_IMPORT_TYPE_UNSUPPORTED');
}

/**
 * CSV must be UTF-8. Each physical line is decoded strictly on its own, so a file saved in
 * another encoding is reported line by line instead of importing mangled names or emails; such a
 * line is blanked before parsing (keeping the numbering) and never imported.
 */
export function parseCsv(bytes: Buffer): ParsedSheet {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const badEncodingLines: number[] = [];
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body[i] !== 0x0a) continue;
    const raw = body.subarray(start, i);
    start = i + 1;
    try {
      lines.push(decoder.decode(raw).replace(/\r$/, ''));
    } catch {
      badEncodingLines.push(lines.length + 1);
      lines.push('');
    }
  }
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(lines.join('\n'), { info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true, delimiter }) as unknown as typeof records;
  } catch {
    throw new EnrollmentsException('ENROLLMENT_IMPORT_UNREADABLE');
  }
  const [head, ...data] = records;
  return {
    header: head ? head.record.map(normaliseHeader) : [],
    rows: data.map((r) => ({ line: r.info.lines, cells: r.record })),
    badEncodingLines,
  };
}

/** The first worksheet; cell text as shown (hyperlinked emails give their text). */
export async function parseXlsx(bytes: Buffer): Promise<ParsedSheet> {
  await assertUnpacksWithin(bytes);
  // exceljs is loaded on the first import, not at start: about 20 MB resident most API processes never need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const workbook = new (require('exceljs') as typeof ExcelJS).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new EnrollmentsException('ENROLLMENT_IMPORT_UNREADABLE');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [], badEncodingLines: [] };
  const lines: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text.trim());
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length) lines.push({ line, cells });
  });
  const [head, ...rows] = lines;
  return { header: head ? head.cells.map(normaliseHeader) : [], rows, badEncodingLines: [] };
}

/** "E-mail", " Account Code " → "email", "account_code". */
function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/^e_mail$/, 'email');
}
