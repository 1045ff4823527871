export * from './certificate.types';
export { renderCertificatePdf } from './certificate.render';
export { sampleCertificateInput } from './certificate.sample';
export { formatCertificateDate, breakablePieces } from './certificate.text';
