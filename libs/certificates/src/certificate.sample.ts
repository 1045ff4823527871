import type { CertificateLocale, CertificateRenderInput, CertificateTemplateContent } from './certificate.types';

const SAMPLE: Record<CertificateLocale, { learnerName: string; courseTitle: string }> = {
  th: { learnerName: 'นางสาวกิ่งแก้ว ศรีสุวรรณ์', courseTitle: 'การปฐมพยาบาลเบื้องต้นและการช่วยฟื้นคืนชีพสำหรับเจ้าหน้าที่สาธารณสุข' },
  en: { learnerName: 'Alexandra Whitfield', courseTitle: 'First Aid and Basic Life Support for Health Workers' },
  vi: { learnerName: 'Nguyễn Thị Thủy Tiên', courseTitle: 'Sơ cấp cứu và hồi sinh tim phổi cơ bản cho nhân viên y tế' },
};

/**
 * Render input with made-up learner data, for template previews: the administrator sees their
 * template (logo, signatories, colours) with a realistic name, course title and serial.
 */
export function sampleCertificateInput(
  locale: CertificateLocale,
  template: CertificateTemplateContent,
  verifyBaseUrl = 'https://lms.example.org',
): CertificateRenderInput {
  return {
    locale,
    ...SAMPLE[locale],
    hours: 12.5,
    issuedAt: new Date('2026-11-23T03:00:00Z'),
    serial: 'BR-2569-000123',
    verifyUrl: `${verifyBaseUrl.replace(/\/$/, '')}/verify/SAMPLE0000`,
    template,
  };
}
