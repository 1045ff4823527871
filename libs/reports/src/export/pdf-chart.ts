import type { PdfText } from './pdf-text';

export interface Bar {
  label: string;
  value: number;
}

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  barColor: string;
  ink: string;
  format: (value: number) => string;
}

const ROW = 16;
const LABEL_W = 170;
const VALUE_W = 64;

/**
 * A horizontal bar chart drawn with pdfkit: a label, a bar scaled to the largest value, and the
 * value in figures after it (the figure, not the bar length, is what a reader quotes).
 */
export function drawBarChart(doc: PDFKit.PDFDocument, text: PdfText, bars: Bar[], box: ChartBox): void {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const area = box.width - LABEL_W - VALUE_W;
  const labelStyle = { weight: 400 as const, size: 8, color: box.ink };
  bars.forEach((bar, i) => {
    const top = box.y + i * ROW;
    text.line(text.fit(bar.label, labelStyle, LABEL_W - 8), labelStyle, box.x, top + 3);
    const length = max > 0 ? Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * area) : 0;
    if (length > 0) doc.rect(box.x + LABEL_W, top + 2, length, ROW - 5).fill(box.barColor);
    text.line(box.format(bar.value), labelStyle, box.x + LABEL_W + length + 4, top + 3);
  });
  // The axis: where every bar starts.
  doc.moveTo(box.x + LABEL_W, box.y).lineTo(box.x + LABEL_W, box.y + bars.length * ROW).lineWidth(0.75).strokeColor(box.ink).stroke();
}
