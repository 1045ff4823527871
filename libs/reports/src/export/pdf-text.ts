import { breakablePieces, type FontWeight, fontName, fontRuns, loadFonts, wrapPieces } from '@baanrian/certificates';
import type { Locale } from '@baanrian/contracts';

export interface TextStyle {
  weight: FontWeight;
  size: number;
  color: string;
}

type Doc = PDFKit.PDFDocument;

/**
 * Thai-correct text for pdfkit, on the certificates' Sarabun fonts (libs/certificates): each line
 * is cut into runs by the font file that has its glyphs (Thai clusters stay whole, so tone marks
 * stack), and wrapped only between words (ICU's Thai dictionary decides where words end).
 */
export class PdfText {
  private readonly unitWidths = new Map<string, number>();

  constructor(
    private readonly doc: Doc,
    private readonly locale: Locale,
  ) {
    for (const [name, file] of loadFonts().files) doc.registerFont(name, file);
  }

  /** Width in points; cached at 1 pt since advance widths scale with the size. */
  width(text: string, style: Pick<TextStyle, 'weight' | 'size'>): number {
    const key = `${style.weight}|${text}`;
    let unit = this.unitWidths.get(key);
    if (unit === undefined) {
      unit = 0;
      for (const run of fontRuns(text).runs) unit += this.doc.font(fontName(run.subset, style.weight)).fontSize(1).widthOfString(run.text);
      if (this.unitWidths.size > 50_000) this.unitWidths.clear();
      this.unitWidths.set(key, unit);
    }
    return unit * style.size;
  }

  /** One line with its left edge at x (or right edge, for `right`). */
  line(input: string, style: TextStyle, x: number, y: number, align: 'left' | 'right' = 'left'): void {
    // Control characters (a title's tab or CR) have no glyph: they print as spaces.
    // eslint-disable-next-line no-control-regex
    const text = input.normalize('NFC').replace(/[\u0000-\u001f]/g, ' ');
    if (!text) return;
    let cursor = align === 'right' ? x - this.width(text, style) : x;
    this.doc.fillColor(style.color);
    // ActualText gives copy/paste and pdftotext the typed string: without it, Thai marks moved by
    // the font's GPOS are read as a line of their own.
    this.doc.markContent('Span', { actual: text, lang: this.locale });
    for (const run of fontRuns(text).runs) {
      this.doc.font(fontName(run.subset, style.weight)).fontSize(style.size);
      this.doc.text(run.text, cursor, y, { lineBreak: false });
      cursor += this.doc.widthOfString(run.text);
    }
    this.doc.endMarkedContent();
  }

  /** The lines of a paragraph, wrapped between words; at most maxLines, the last cut with "…". */
  wrap(input: string, style: Pick<TextStyle, 'weight' | 'size'>, width: number, maxLines = Infinity): string[] {
    // eslint-disable-next-line no-control-regex
    const text = input.normalize('NFC').replace(/[\u0000-\u001f]/g, ' ').trim();
    const lines = wrapPieces(breakablePieces(text, this.locale), width, (t) => this.width(t, style));
    if (lines.length <= maxLines) return lines.map((l) => this.fit(l, style, width));
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = this.fit(`${kept[maxLines - 1]}…`, style, width);
    return kept;
  }

  /** A line cut (by grapheme, so no mark is split from its letter) to fit the width, ending in "…". */
  fit(text: string, style: Pick<TextStyle, 'weight' | 'size'>, width: number): string {
    if (this.width(text, style) <= width) return text;
    const graphemes = [...GRAPHEMES.segment(text.replace(/…$/, ''))].map((s) => s.segment);
    while (graphemes.length > 1 && this.width(`${graphemes.join('')}…`, style) > width) graphemes.pop();
    return `${graphemes.join('')}…`;
  }
}

const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });
