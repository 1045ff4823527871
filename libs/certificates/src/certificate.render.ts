import QRCode from 'qrcode';
import { fontName, fontRuns, loadFonts, type Weight } from './certificate.fonts';
import { opaqueOnWhite } from './certificate.images';
import { pdfDocument } from './pdfkit.load';
import { LABELS, breakablePieces, formatCertificateDate, formatHours, wrapPieces } from './certificate.text';
import type { CertificateLocale, CertificateRenderInput, CertificateRenderResult } from './certificate.types';

// A4 landscape, in PDF points.
const PAGE_W = 841.89;
const PAGE_H = 595.28;
const CONTENT_W = PAGE_W - 160;
const DEFAULT_ACCENT = '#1f5f8b';
const INK = '#222222';
const MUTED = '#555555';
const MAX_SIGNATORIES = 3;

type Doc = PDFKit.PDFDocument;

interface TextStyle {
  weight: Weight;
  size: number;
  color: string;
}

/** Draws a certificate as a one-page PDF. Never throws for bad template content: it warns instead. */
export async function renderCertificatePdf(input: CertificateRenderInput): Promise<CertificateRenderResult> {
  const warnings: string[] = [];
  const { locale, template } = input;
  const labels = LABELS[locale];
  const accent = pickAccent(template.accentColor, warnings);
  const doc = new (pdfDocument())({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: locale,
    displayTitle: true,
    // A fixed creation date keeps re-renders of the same certificate byte-comparable.
    info: { Title: `${input.courseTitle} — ${input.learnerName}`, Author: template.organisationName, CreationDate: input.issuedAt },
  });
  const done = collect(doc);
  for (const [name, file] of loadFonts().files) doc.registerFont(name, file);
  const painter = new TextPainter(doc, locale, warnings);

  doc.lineWidth(3).strokeColor(accent).rect(20, 20, PAGE_W - 40, PAGE_H - 40).stroke();
  doc.lineWidth(0.75).rect(28, 28, PAGE_W - 56, PAGE_H - 56).stroke();

  if (template.logo) drawImage(doc, template.logo, PAGE_W / 2 - 80, 44, 160, 58, 'logo', warnings);
  let y = 108;
  y = painter.block(template.organisationName, { weight: 700, size: 14, color: MUTED }, y, 'organisation', { maxLines: 1 });
  y = painter.block(template.heading || labels.heading, { weight: 700, size: 30, color: accent }, y + 4, 'heading', { maxLines: 1 });
  y = painter.block(template.bodyText || labels.body, { weight: 400, size: 13, color: INK }, y + 8, 'body text', { maxLines: 2 });
  y = painter.block(input.learnerName, { weight: 700, size: 34, color: INK }, y + 4, 'learner name', { maxLines: 1, minSize: 16 });
  y = painter.block(labels.completed, { weight: 400, size: 13, color: INK }, y + 2, 'label', { maxLines: 1 });
  y = painter.block(input.courseTitle, { weight: 700, size: 22, color: accent }, y + 2, 'course title', { maxLines: 2, minSize: 14 });
  y = painter.block(labels.hours(formatHours(input.hours, locale)), { weight: 400, size: 12, color: INK }, y + 8, 'hours', { maxLines: 1 });
  painter.block(labels.issued(formatCertificateDate(input.issuedAt, locale)), { weight: 400, size: 12, color: INK }, y + 2, 'date', { maxLines: 1 });

  drawSignatories(doc, painter, input, warnings);
  drawQr(doc, input.verifyUrl, PAGE_W - 44 - 72, PAGE_H - 44 - 72, 72);
  painter.line(`${labels.serial} ${input.serial}`, { weight: 700, size: 10, color: INK }, 48, PAGE_H - 70, 'left');
  painter.line(`${labels.verify} ${input.verifyUrl}`, { weight: 400, size: 8, color: MUTED }, 48, PAGE_H - 56, 'left');

  doc.end();
  return { pdf: await done, warnings };
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function pickAccent(color: string | undefined, warnings: string[]): string {
  if (!color) return DEFAULT_ACCENT;
  if (/^#[0-9a-f]{6}$/i.test(color)) return color;
  warnings.push(`accentColor "${color}" is not a #rrggbb colour; the default was used`);
  return DEFAULT_ACCENT;
}

function drawImage(doc: Doc, image: Buffer, x: number, y: number, w: number, h: number, what: string, warnings: string[]): void {
  try {
    doc.image(opaqueOnWhite(image), x, y, { fit: [w, h], align: 'center', valign: 'center' });
  } catch (error) {
    // pdfkit reads PNG and JPEG only; anything else (or a truncated file) leaves the space empty.
    warnings.push(`${what}: the image could not be read (${(error as Error).message}); it was left out`);
  }
}

function drawSignatories(doc: Doc, painter: TextPainter, input: CertificateRenderInput, warnings: string[]): void {
  const signatories = input.template.signatories.slice(0, MAX_SIGNATORIES);
  if (input.template.signatories.length > MAX_SIGNATORIES) {
    warnings.push(`only the first ${MAX_SIGNATORIES} of ${input.template.signatories.length} signatories were printed`);
  }
  const columnW = 190;
  const gap = 30;
  const total = signatories.length * columnW + (signatories.length - 1) * gap;
  signatories.forEach((signatory, i) => {
    const x = PAGE_W / 2 - total / 2 + i * (columnW + gap);
    const what = `signatory ${i + 1}`;
    if (signatory.signature) drawImage(doc, signatory.signature, x + 20, 428, columnW - 40, 46, `${what} signature`, warnings);
    else warnings.push(`${what} has no signature image`);
    doc.lineWidth(0.75).strokeColor(MUTED).moveTo(x + 10, 478).lineTo(x + columnW - 10, 478).stroke();
    painter.fitted(signatory.name, { weight: 700, size: 11, color: INK }, x, 482, columnW, `${what} name`, 7);
    painter.fitted(signatory.title, { weight: 400, size: 9, color: MUTED }, x, 497, columnW, `${what} title`, 6);
  });
}

function drawQr(doc: Doc, url: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / count;
  doc.save();
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('#000000').restore();
}

/** Draws text in per-font runs (see certificate.fonts.ts), wrapping only between words. */
class TextPainter {
  private readonly missingReported = new Set<string>();
  private readonly unitWidths = new Map<string, number>();

  constructor(
    private readonly doc: Doc,
    private readonly locale: CertificateLocale,
    private readonly warnings: string[],
  ) {}

  /** Width in points; cached at 1 pt because advance widths scale linearly with the size. */
  measure(text: string, style: TextStyle): number {
    const key = `${style.weight}|${text}`;
    let unit = this.unitWidths.get(key);
    if (unit === undefined) {
      unit = 0;
      for (const run of fontRuns(text).runs) {
        unit += this.doc.font(fontName(run.subset, style.weight)).fontSize(1).widthOfString(run.text);
      }
      this.unitWidths.set(key, unit);
    }
    return unit * style.size;
  }

  /** One line at (x, y); `center` means x is ignored and the line is centred on the page. */
  line(input: string, style: TextStyle, x: number, y: number, align: 'left' | 'center'): void {
    // Composed form: a name typed with combining accents (e + U+0302 + U+0301) would otherwise need
    // marks that no subset file maps (U+0302), while the precomposed ế is in the vietnamese file.
    const text = input.normalize('NFC');
    const { runs, missing } = fontRuns(text);
    for (const char of missing) {
      if (this.missingReported.has(char)) continue;
      this.missingReported.add(char);
      this.warnings.push(`the font has no glyph for "${char}"`);
    }
    let cursor = align === 'center' ? (PAGE_W - this.measure(text, style)) / 2 : x;
    this.doc.fillColor(style.color);
    // ActualText gives copy/paste and text extraction the typed string: without it, Thai marks that
    // GPOS moved up or down are read as a separate line, and the font's decomposed SARA AM twice.
    this.doc.markContent('Span', { actual: text, lang: this.locale });
    for (const run of runs) {
      this.doc.font(fontName(run.subset, style.weight)).fontSize(style.size);
      this.doc.text(run.text, cursor, y, { lineBreak: false });
      cursor += this.doc.widthOfString(run.text);
    }
    this.doc.endMarkedContent();
  }

  /**
   * A centred paragraph of at most maxLines lines; shrinks the size (down to minSize) until it fits,
   * and warns when it had to shrink or still overflows. Returns the y below it.
   */
  block(text: string, style: TextStyle, y: number, what: string, opts: { maxLines: number; minSize?: number }): number {
    const pieces = breakablePieces(text.normalize('NFC').trim(), this.locale);
    const minSize = opts.minSize ?? style.size;
    let size = style.size;
    let lines = wrapPieces(pieces, CONTENT_W, (t) => this.measure(t, { ...style, size }));
    while (size > minSize && (lines.length > opts.maxLines || this.widest(lines, { ...style, size }) > CONTENT_W)) {
      size -= 1;
      lines = wrapPieces(pieces, CONTENT_W, (t) => this.measure(t, { ...style, size }));
    }
    if (size < style.size) this.warnings.push(`${what} is long: printed at ${size} pt instead of ${style.size} pt`);
    if (lines.length > opts.maxLines) this.warnings.push(`${what} does not fit on ${opts.maxLines} line(s): printed on ${lines.length}`);
    const lineHeight = size * 1.45;
    for (const [i, line] of lines.entries()) this.line(line, { ...style, size }, 0, y + i * lineHeight, 'center');
    return y + lines.length * lineHeight;
  }

  /** One line centred in a column, shrunk to the column width. */
  fitted(input: string, style: TextStyle, x: number, y: number, width: number, what: string, minSize: number): void {
    const text = input.normalize('NFC');
    let size = style.size;
    while (size > minSize && this.measure(text, { ...style, size }) > width) size -= 0.5;
    if (size < style.size) this.warnings.push(`${what} is long: printed at ${size} pt instead of ${style.size} pt`);
    const w = this.measure(text, { ...style, size });
    this.line(text, { ...style, size }, x + (width - w) / 2, y, 'left');
  }

  private widest(lines: string[], style: TextStyle): number {
    return Math.max(0, ...lines.map((l) => this.measure(l, style)));
  }
}
