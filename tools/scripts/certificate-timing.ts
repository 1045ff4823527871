import { renderCertificatePdf, sampleCertificateInput, type CertificateLocale } from '@baanrian/certificates';
import { logoPng, signaturePng } from '../../libs/certificates/src/certificate.fixtures';

/**
 * Milliseconds per certificate PDF (wall and CPU, median of 50 after one warm-up render) with a
 * logo and two signature images: `npx tsx --tsconfig tools/tsconfig.json tools/scripts/certificate-timing.ts th`.
 * CPU time is printed too because wall time on a shared machine mostly measures the neighbours.
 */
async function main(): Promise<void> {
  const locale = (process.argv[2] ?? 'th') as CertificateLocale;
  const input = sampleCertificateInput(locale, {
    organisationName: 'โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านเรียน',
    logo: logoPng(),
    signatories: [
      { name: 'ดร.สมศักดิ์ ใจดี', title: 'ผู้อำนวยการ', signature: signaturePng(1) },
      { name: 'Trần Văn Đức', title: 'Giám đốc đào tạo', signature: signaturePng(2) },
    ],
  });
  const warmUp = performance.now();
  await renderCertificatePdf(input);
  const first = performance.now() - warmUp;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 50; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await renderCertificatePdf(input);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
  console.log(`${locale}: first ${first.toFixed(0)} ms, median wall ${median(wall)} ms, median CPU ${median(cpu)} ms`);
}

void main();
