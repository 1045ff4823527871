export type CertificateLocale = 'th' | 'en' | 'vi';

export interface CertificateSignatory {
  name: string;
  title: string;
  /** PNG or JPEG bytes; null/absent draws a blank signature line. */
  signature?: Buffer | null;
}

/**
 * What an administrator edits in a certificate template. The database stores media ids instead of
 * the image bytes (logoMediaId, signatories[].signatureMediaId); the caller loads them.
 */
export interface CertificateTemplateContent {
  organisationName: string;
  /** Defaults to "Certificate of Completion" in the certificate's language. */
  heading?: string;
  /** Line above the learner's name; defaults to "This certifies that" in the certificate's language. */
  bodyText?: string;
  logo?: Buffer | null;
  /** 0 to 3 signatories; more are ignored with a warning. */
  signatories: CertificateSignatory[];
  /** CSS hex colour such as "#1f5f8b". */
  accentColor?: string;
}

export interface CertificateRenderInput {
  locale: CertificateLocale;
  learnerName: string;
  courseTitle: string;
  hours: number;
  issuedAt: Date;
  serial: string;
  verifyUrl: string;
  template: CertificateTemplateContent;
}

export interface CertificateRenderResult {
  pdf: Buffer;
  /** Things that did not render as asked (missing image, shrunk name…); the PDF is still usable. */
  warnings: string[];
}
