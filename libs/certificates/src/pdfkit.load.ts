import type PDFDocument from 'pdfkit';

let loaded: typeof PDFDocument | undefined;

/**
 * pdfkit (and its fontkit), loaded on the first PDF rather than when a process starts: about
 * 20 MB resident that the API needs only when it draws a certificate or a report PDF.
 */
export function pdfDocument(): typeof PDFDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('pdfkit') as typeof PDFDocument);
}
