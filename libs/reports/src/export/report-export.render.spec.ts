import type { ExportFormat, Locale, ReportResult } from '@baanrian/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { FORMULA_CORPUS, sampleReportResult } from './export.fixtures';
import { DIMENSION_LABELS, MEASURE_LABELS } from './export.labels';
import { FORMULA_START, neutralise } from './export.safety';
import { renderReportExport } from './report-export.render';

// pdftotext comes from poppler-utils, which tools/scripts/test.ts installs (as for certificates).
const work = mkdtempSync(path.join(tmpdir(), 'report-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function render(result: ReportResult, format: ExportFormat, locale: Locale): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await renderReportExport(result, format, locale, out, new Date('2023-10-02T03:04:00Z'));
  return Buffer.concat(chunks);
}

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, pdf);
  // Each drawn line is a marked span of its own; table cells come out one per line.
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

describe('neutralise', () => {
  it('prefixes a quote to text starting with = + - @ tab or CR, and leaves other text alone', () => {
    for (const cell of FORMULA_CORPUS) expect(neutralise(cell)).toBe(`'${cell}`);
    for (const cell of ['สวัสดี', 'a=1', ' =1', '1-2', "'=1", '']) expect(neutralise(cell)).toBe(cell);
  });
});

describe('a report as CSV', () => {
  it('is UTF-8 with a BOM and parses back to the report numbers, labels in the asked language', async () => {
    const result = sampleReportResult();
    const csv = await render(result, 'csv', 'th');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(csv.toString('utf8'), { bom: true, relax_column_count: false });
    expect(rows[0]).toEqual(['ตาราง', 'รหัส', 'รายการ', ...result.measures.map((m) => MEASURE_LABELS[m].th)]);
    expect(rows[1]).toEqual(['รวม', '', 'ปีงบประมาณ 2566', '35', '1876', '116', '2478', '61.5', '17852']);
    expect(rows[2]).toEqual(['เป้าหมาย', '', 'ปีงบประมาณ 2566', '30', '2000', '', '2450', '', '15000']);
    expect(rows[3]).toEqual(['ร้อยละของแผน', '', 'ปีงบประมาณ 2566', '116.7', '93.8', '', '101.1', '', '119']);
    const byGroup = rows.filter((r) => r[0] === DIMENSION_LABELS.target_group.th);
    expect(byGroup.map((r) => [r[1], r[2], Number(r[4])])).toEqual([
      ['youth', 'เยาวชน', 450],
      ['elderly', 'ผู้สูงอายุ', 700],
      ['general_public', 'บุคคลทั่วไป', 600],
    ]);
    const courses = rows.filter((r) => r[0] === DIMENSION_LABELS.course.th);
    expect(courses).toHaveLength(result.breakdowns[1].rows.length);
    for (const [i, row] of courses.entries()) {
      const source = result.breakdowns[1].rows[i];
      expect(row[2]).toBe(neutralise(source.label));
      expect(row.slice(3).map(Number)).toEqual(result.measures.map((m) => source.values[m]));
    }
  });

  it('starts no cell with a formula character', async () => {
    const rows: string[][] = parse((await render(sampleReportResult(), 'csv', 'en')).toString('utf8'), { bom: true });
    const text = rows.flat().filter((cell) => Number.isNaN(Number(cell)));
    expect(text.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    expect(text).toEqual(expect.arrayContaining(FORMULA_CORPUS.map((cell) => `'${cell}`)));
  });
});

describe('a report as XLSX', () => {
  async function workbook(locale: Locale): Promise<ExcelJS.Workbook> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await render(sampleReportResult(), 'xlsx', locale)) as unknown as ArrayBuffer);
    return book;
  }

  it('has a totals sheet and one sheet per breakdown, numbers typed as numbers', async () => {
    const result = sampleReportResult();
    const book = await workbook('vi');
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Nhóm đối tượng', 'Khóa học']);
    const totals = book.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    expect(totals.getCell('A1').value).toBe('Báo cáo tham gia học tập: Tổng kết năm tài chính');
    expect(totals.getRow(4).values).toEqual([undefined, 'Chỉ số', 'Thực hiện', 'Chỉ tiêu', '% kế hoạch']);
    expect(totals.getRow(5).values).toEqual([undefined, MEASURE_LABELS.classes_online.vi, 35, 30, 116.7]);
    // A missing target stays an empty cell, not a zero.
    expect(totals.getCell('B7').value).toBe(116);
    expect(totals.getCell('C7').value).toBeNull();
    expect(totals.getCell('D7').value).toBeNull();
    const courses = book.getWorksheet('Khóa học') as ExcelJS.Worksheet;
    expect(courses.getRow(1).values).toEqual([undefined, 'Khóa học', ...result.measures.map((m) => MEASURE_LABELS[m].vi)]);
    for (const [i, source] of result.breakdowns[1].rows.entries()) {
      const values = courses.getRow(i + 2).values as unknown[];
      expect(values[1]).toBe(neutralise(source.label).replace(/\r/g, '\n'));
      expect(values.slice(2)).toEqual(result.measures.map((m) => source.values[m]));
      expect(typeof values[2]).toBe('number');
    }
  });

  it('neutralises every formula-like text cell', async () => {
    const book = await workbook('en');
    const text: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && text.push(cell.value)))));
    expect(book.worksheets.flatMap((s) => s.getSheetValues()).flat().some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    expect(text.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    // XML reads a carriage return back as a line feed; the quote in front is what matters.
    expect(text).toEqual(expect.arrayContaining(FORMULA_CORPUS.map((cell) => `'${cell.replace(/\r/g, '\n')}`)));
  });
});

describe('a report as PDF', () => {
  it('prints the Thai title, period, totals with target and % of plan, and each breakdown', async () => {
    const pdf = await render(sampleReportResult(), 'pdf', 'th');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf, 'th').replace(/\s+/g, ' ');
    for (const part of [
      'รายงานผลการเข้าร่วมการเรียนรู้: สรุปผลประจำปีงบประมาณ',
      'ช่วงเวลา: ปีงบประมาณ 2566',
      'จัดทำเมื่อ 02/10/2566 10:04',
      'ชั้นเรียนออนไลน์ 35 30 116.7%',
      'ผู้เรียนออนไลน์ 1,876 2,000 93.8%',
      'ผู้เข้าร่วมในสถานที่ 116 – –',
      'การเข้าถึงรวม 17,852 15,000 119%',
      'แผนภูมิ: ชั้นเรียนออนไลน์',
      'ผู้สูงอายุ',
      'Nấu ăn tại nhà – món Việt',
    ]) {
      expect({ part, found: text.includes(part) }).toEqual({ part, found: true });
    }
    // The long Thai course title, whole where it fits (the course table's last band) and never cut inside a word.
    expect(text).toContain('การใช้สมาร์ตโฟนอย่างปลอดภัยสำหรับผู้สูงอายุ ตอนที่ ๑: ตั้งค่าเครื่องและป้องกันมิจฉาชีพ');
  });

  it('neutralises formula-like labels as the other formats do', async () => {
    const text = pdfText(await render(sampleReportResult(), 'pdf', 'en'), 'en');
    expect(text).toContain("'=1+1");
    expect(text).toContain("'@SUM(A1)");
    expect(text.split('\n').filter((line) => /^[=+@]/.test(line.trim()))).toEqual([]);
  });

  it('says so when a breakdown has no rows', async () => {
    const result = sampleReportResult();
    result.breakdowns = [{ dimension: 'month', rows: [] }];
    expect(pdfText(await render(result, 'pdf', 'en'), 'empty')).toContain('No data in this period');
  });
});
