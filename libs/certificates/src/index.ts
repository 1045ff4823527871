export * from './certificate.types';
export { renderCertificatePdf } from './certificate.render';
export { sampleCertificateInput } from './certificate.sample';
export { formatCertificateDate, breakablePieces, wrapPieces } from './certificate.text';
// Sarabun loading and per-font runs, shared with the participation-report PDF (libs/reports).
export { fontName, fontRuns, loadFonts, type Weight as FontWeight } from './certificate.fonts';
export { pdfDocument } from './pdfkit.load';
