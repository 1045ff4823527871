import type { Locale } from '@baanrian/contracts';
import type { OutgoingMail } from './mail.service';

/**
 * The password-reset mail in th/en/vi. Times are shown in UTC+7 (Thailand and Vietnam), with the
 * zone named, next to the duration, which reads right anywhere.
 */
const TEXTS: Record<Locale, { subject: string; hello: (name: string) => string; intro: string; expiry: (minutes: number, until: string) => string; ignore: string; signature: string; dateLocale: string }> = {
  th: {
    subject: 'ตั้งรหัสผ่านใหม่ – บ้านเรียน',
    hello: (name) => `สวัสดีคุณ${name}`,
    intro: 'มีคำขอตั้งรหัสผ่านใหม่สำหรับบัญชีบ้านเรียนของคุณ เปิดลิงก์นี้เพื่อตั้งรหัสผ่านใหม่:',
    expiry: (minutes, until) => `ลิงก์นี้ใช้ได้ครั้งเดียว ภายใน ${minutes} นาที (ถึง ${until} น. เวลาประเทศไทย UTC+7)`,
    ignore: 'หากคุณไม่ได้ขอตั้งรหัสผ่านใหม่ ไม่ต้องทำอะไร รหัสผ่านเดิมของคุณยังใช้ได้ตามปกติ',
    signature: '– บ้านเรียน (Baanrian)',
    dateLocale: 'th-TH',
  },
  en: {
    subject: 'Reset your Baanrian password',
    hello: (name) => `Hello ${name},`,
    intro: 'Someone asked to reset the password of your Baanrian account. Open this link to choose a new password:',
    expiry: (minutes, until) => `The link works once, for ${minutes} minutes (until ${until}, UTC+7).`,
    ignore: 'If you did not ask for this, ignore this mail: your password stays as it is.',
    signature: '– Baanrian',
    dateLocale: 'en-GB',
  },
  vi: {
    subject: 'Đặt lại mật khẩu Baanrian',
    hello: (name) => `Xin chào ${name},`,
    intro: 'Có yêu cầu đặt lại mật khẩu cho tài khoản Baanrian của bạn. Mở liên kết này để chọn mật khẩu mới:',
    expiry: (minutes, until) => `Liên kết chỉ dùng được một lần, trong ${minutes} phút (đến ${until}, UTC+7).`,
    ignore: 'Nếu bạn không yêu cầu việc này, hãy bỏ qua thư này: mật khẩu của bạn vẫn giữ nguyên.',
    signature: '– Baanrian',
    dateLocale: 'vi-VN',
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function passwordResetMail(input: { to: string; locale: Locale; displayName: string; link: string; expiresAt: Date; ttlMinutes: number }): OutgoingMail {
  const t = TEXTS[input.locale] ?? TEXTS.th;
  const until = new Intl.DateTimeFormat(t.dateLocale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(input.expiresAt);
  const lines = [t.hello(input.displayName), '', t.intro, input.link, '', t.expiry(input.ttlMinutes, until), '', t.ignore, '', t.signature];
  const html = `<!doctype html><html lang="${input.locale}"><body style="font-family:sans-serif;line-height:1.7">
<p>${escapeHtml(t.hello(input.displayName))}</p>
<p>${escapeHtml(t.intro)}</p>
<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>
<p>${escapeHtml(t.expiry(input.ttlMinutes, until))}</p>
<p>${escapeHtml(t.ignore)}</p>
<p>${escapeHtml(t.signature)}</p>
</body></html>`;
  return { to: input.to, subject: t.subject, text: lines.join('\n'), html };
}
