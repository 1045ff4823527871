import type { Locale, ReportMeasure } from '@baanrian/contracts';
import { pdfDocument } from '@baanrian/certificates';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { MEASURE_LABELS, word } from './export.labels';
import { PdfText, type TextStyle } from './pdf-text';
import { drawBarChart, type Bar } from './pdf-chart';
import type { BreakdownTable, Cell, ReportLayout } from './report-table';

// A4 portrait, in PDF points.
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 48;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const INK = '#222222';
const MUTED = '#555555';
const ACCENT = '#1f5f8b';
const RULE = '#d0d7de';
/** Measures per table band: more columns would not leave a readable width each. */
const MEASURES_PER_BAND = 5;
/** Bars per chart: a course breakdown may have thousands of rows; the table below lists them all. */
const MAX_BARS = 20;
const TIME_DIMENSIONS = new Set(['month', 'quarter', 'half']);

/**
 * The one-page-or-more summary of a report: title, period, totals against target and % of plan,
 * then per breakdown a bar chart and its table. Thai-correct (see PdfText). `generatedAt` is
 * printed in Bangkok time and fixes the document's creation date, so a re-render is identical.
 */
export async function writeReportPdf(layout: ReportLayout, locale: Locale, out: Writable, generatedAt = new Date()): Promise<void> {
  const doc = new (pdfDocument())({ size: 'A4', margin: 0, lang: locale, displayTitle: true, info: { Title: layout.title, CreationDate: generatedAt } });
  const done = finished(out);
  // Awaited below; a failure before that must not become an unhandled rejection.
  done.catch(() => undefined);
  doc.pipe(out);
  new ReportPdf(doc, locale, layout).draw(generatedAt);
  doc.end();
  await done;
}

class ReportPdf {
  private readonly text: PdfText;
  private readonly numbers: Intl.NumberFormat;
  private y = MARGIN;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly locale: Locale,
    private readonly layout: ReportLayout,
  ) {
    this.text = new PdfText(doc, locale);
    this.numbers = new Intl.NumberFormat(`${locale === 'th' ? 'th-TH' : locale}-u-nu-latn`, { maximumFractionDigits: 1 });
  }

  draw(generatedAt: Date): void {
    this.paragraph(this.layout.title, { weight: 700, size: 18, color: ACCENT });
    this.paragraph(`${word('period', this.locale)}: ${this.layout.periodLabel}`, { weight: 400, size: 12, color: INK });
    this.paragraph(`${word('generatedAt', this.locale)} ${formatGenerated(generatedAt, this.locale)}`, { weight: 400, size: 9, color: MUTED });
    this.y += 8;
    this.heading(this.layout.totals.name);
    const totalsRows = this.layout.totals.rows.map((row) => [row[0], this.format(row[1]), this.format(row[2]), row[3] === null ? '–' : `${this.format(row[3])}%`]);
    this.table(this.layout.totals.columns, totalsRows, [CONTENT_W - 3 * 95, 95, 95, 95]);
    for (const breakdown of this.layout.breakdowns) this.breakdown(breakdown);
  }

  private breakdown(table: BreakdownTable): void {
    this.ensure(120);
    this.y += 10;
    this.heading(table.name);
    if (table.rows.length === 0) {
      this.paragraph(word('noRows', this.locale), { weight: 400, size: 10, color: MUTED });
      return;
    }
    const measure = chartMeasure(table);
    if (measure) this.chart(table, measure);
    for (let from = 0; from < table.measures.length; from += MEASURES_PER_BAND) {
      const band = table.measures.slice(from, from + MEASURES_PER_BAND);
      const labelWidth = CONTENT_W - band.length * 70;
      const rows = table.rows.map((row) => [row[0], ...band.map((_, i) => this.format(row[from + i + 1]))]);
      this.table([table.columns[0], ...band.map((m) => MEASURE_LABELS[m][this.locale])], rows, [labelWidth, ...band.map(() => 70)]);
      this.y += 6;
    }
  }

  private chart(table: BreakdownTable, measure: ReportMeasure): void {
    const column = table.measures.indexOf(measure) + 1;
    let bars: Bar[] = table.rows.map((row) => ({ label: String(row[0] ?? ''), value: typeof row[column] === 'number' ? (row[column] as number) : 0 }));
    const total = bars.length;
    // Time runs in order; other breakdowns show their largest rows.
    if (!TIME_DIMENSIONS.has(table.dimension)) bars = [...bars].sort((a, b) => b.value - a.value);
    bars = bars.slice(0, MAX_BARS);
    this.paragraph(word('chartOf', this.locale, { measure: MEASURE_LABELS[measure][this.locale] }), { weight: 700, size: 10, color: INK });
    if (total > bars.length) this.paragraph(word('chartTop', this.locale, { shown: bars.length, total }), { weight: 400, size: 8, color: MUTED });
    const height = bars.length * 16 + 8;
    this.ensure(height);
    drawBarChart(this.doc, this.text, bars, { x: MARGIN, y: this.y, width: CONTENT_W, barColor: ACCENT, ink: INK, format: (v) => this.format(v) });
    this.y += height + 6;
  }

  /** A table with a header row; rows break across pages, the header repeats on each page. */
  private table(columns: Cell[], rows: Cell[][], widths: number[]): void {
    const headerStyle: TextStyle = { weight: 700, size: 8, color: INK };
    const cellStyle: TextStyle = { weight: 400, size: 9, color: INK };
    const header = columns.map((c, i) => this.text.wrap(String(c ?? ''), headerStyle, widths[i] - 6, 3));
    const headerHeight = Math.max(...header.map((lines) => lines.length)) * 10 + 6;
    const drawHeader = () => {
      this.doc.rect(MARGIN, this.y, CONTENT_W, headerHeight).fill('#eef3f7');
      let x = MARGIN;
      header.forEach((lines, i) => {
        lines.forEach((line, n) => (i === 0 ? this.text.line(line, headerStyle, x + 3, this.y + 3 + n * 10) : this.text.line(line, headerStyle, x + widths[i] - 3, this.y + 3 + n * 10, 'right')));
        x += widths[i];
      });
      this.y += headerHeight;
    };
    this.ensure(headerHeight + 16);
    drawHeader();
    for (const row of rows) {
      const label = this.text.wrap(String(row[0] ?? ''), cellStyle, widths[0] - 6, 2);
      const height = label.length * 12 + 4;
      if (this.y + height > PAGE_H - MARGIN) {
        this.newPage();
        drawHeader();
      }
      label.forEach((line, n) => this.text.line(line, cellStyle, MARGIN + 3, this.y + 2 + n * 12));
      let x = MARGIN + widths[0];
      for (let i = 1; i < row.length; i++) {
        this.text.line(String(row[i] ?? ''), cellStyle, x + widths[i] - 3, this.y + 2, 'right');
        x += widths[i];
      }
      this.y += height;
      this.doc.moveTo(MARGIN, this.y).lineTo(MARGIN + CONTENT_W, this.y).lineWidth(0.5).strokeColor(RULE).stroke();
    }
  }

  private heading(text: string): void {
    this.ensure(40);
    this.paragraph(text, { weight: 700, size: 14, color: ACCENT });
  }

  private paragraph(text: string, style: TextStyle): void {
    const lineHeight = style.size * 1.5;
    for (const line of this.text.wrap(text, style, CONTENT_W)) {
      this.ensure(lineHeight);
      this.text.line(line, style, MARGIN, this.y);
      this.y += lineHeight;
    }
  }

  private ensure(height: number): void {
    if (this.y + height > PAGE_H - MARGIN) this.newPage();
  }

  private newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.y = MARGIN;
  }

  private format(value: Cell): string {
    if (value === null) return '–';
    return typeof value === 'number' ? this.numbers.format(value) : value;
  }
}

/** The measure a breakdown's chart shows: the first count (a rate says little as a bar). */
function chartMeasure(table: BreakdownTable): ReportMeasure | null {
  return table.measures.find((m) => m !== 'completion_rate') ?? table.measures[0] ?? null;
}

function formatGenerated(at: Date, locale: Locale): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  // Thai documents date in the Buddhist Era.
  const year = locale === 'th' ? Number(parts.year) + 543 : Number(parts.year);
  return `${parts.day}/${parts.month}/${year} ${parts.hour}:${parts.minute}`;
}
