import type { Locale } from '@baanrian/contracts';
import type { OutgoingMail } from '../mail/mail.service';

interface Texts {
  subject: (achievement: string) => string;
  hello: (name: string) => string;
  body: (achievement: string, serial: string) => string;
  verify: string;
  signature: string;
}

const TEXTS: Record<Locale, Texts> = {
  th: {
    subject: (a) => `เกียรติบัตร: ${a} – บ้านเรียน`,
    hello: (n) => `สวัสดีคุณ${n}`,
    body: (a, s) => `ยินดีด้วย คุณได้รับเกียรติบัตร "${a}" (เลขที่ ${s}) แนบมากับอีเมลนี้ และเป็นเหรียญดิจิทัล (Open Badge) ที่ตรวจสอบได้`,
    verify: 'ผู้อื่นตรวจสอบเกียรติบัตรของคุณได้ที่:',
    signature: '– บ้านเรียน (Baanrian)',
  },
  en: {
    subject: (a) => `Your certificate: ${a} – Baanrian`,
    hello: (n) => `Hello ${n},`,
    body: (a, s) => `Congratulations! Your certificate for "${a}" (serial ${s}) is attached, and is also a verifiable digital badge (Open Badge).`,
    verify: 'Anyone can verify it here:',
    signature: '– Baanrian',
  },
  vi: {
    subject: (a) => `Chứng nhận của bạn: ${a} – Baanrian`,
    hello: (n) => `Xin chào ${n},`,
    body: (a, s) => `Chúc mừng! Chứng nhận "${a}" (số ${s}) được đính kèm, đồng thời là huy hiệu số (Open Badge) có thể xác minh.`,
    verify: 'Bất kỳ ai cũng có thể xác minh tại:',
    signature: '– Baanrian',
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The certificate mail, PDF attached; the Message-ID is derived from the credential, so it is the same on any retry. */
export function credentialMail(input: {
  credentialId: string;
  to: string;
  locale: Locale;
  learnerName: string;
  achievementName: string;
  serial: string;
  verifyUrl: string;
  mailDomain: string;
  pdf: Buffer;
}): OutgoingMail {
  const t = TEXTS[input.locale] ?? TEXTS.th;
  const paragraphs = [t.hello(input.learnerName), t.body(input.achievementName, input.serial), t.verify];
  const text = [...paragraphs.flatMap((p) => [p, '']), input.verifyUrl, '', t.signature].join('\n');
  const html = `<!doctype html><html lang="${input.locale}"><body style="font-family:sans-serif;line-height:1.7">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(input.verifyUrl)}">${escapeHtml(input.verifyUrl)}</a></p>
<p>${escapeHtml(t.signature)}</p>
</body></html>`;
  return {
    to: input.to,
    subject: t.subject(input.achievementName),
    text,
    html,
    messageId: `<credential.${input.credentialId}@${input.mailDomain}>`,
    attachments: [{ filename: `certificate-${input.serial}.pdf`, content: input.pdf, contentType: 'application/pdf' }],
  };
}
