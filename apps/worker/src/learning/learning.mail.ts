import type { Locale, LocalizedText } from '@baanrian/contracts';
import type { OutgoingMail } from '../mail/mail.service';

/**
 * Learning mails in th/en/vi: a seat for a waiting learner, and session reminders. Times are
 * shown in UTC+7 (Thailand and Vietnam) with the zone named, like the password-reset mail.
 */
type Kind = 'promoted' | 'reminder-day' | 'reminder-hour';

interface Texts {
  subject: Record<Kind, (course: string) => string>;
  hello: (name: string) => string;
  body: Record<Kind, (course: string, session: string, when: string) => string>;
  venue: (venue: string) => string;
  open: string;
  signature: string;
  dateLocale: string;
}

const TEXTS: Record<Locale, Texts> = {
  th: {
    subject: {
      promoted: (c) => `ได้ที่นั่งแล้ว: ${c} – บ้านเรียน`,
      'reminder-day': (c) => `พรุ่งนี้มีนัดเรียน: ${c} – บ้านเรียน`,
      'reminder-hour': (c) => `อีกหนึ่งชั่วโมงเริ่มเรียน: ${c} – บ้านเรียน`,
    },
    hello: (n) => `สวัสดีคุณ${n}`,
    body: {
      promoted: (c) => `มีที่นั่งว่างแล้ว คุณได้ลงทะเบียนเรียน "${c}" เรียบร้อย ไม่ต้องทำอะไรเพิ่ม`,
      'reminder-day': (c, s, w) => `ขอเตือนว่า "${s}" ของรายวิชา "${c}" จะเริ่ม ${w} น. (เวลาประเทศไทย UTC+7)`,
      'reminder-hour': (c, s, w) => `"${s}" ของรายวิชา "${c}" จะเริ่มในอีกประมาณหนึ่งชั่วโมง เวลา ${w} น. (UTC+7)`,
    },
    venue: (v) => `สถานที่: ${v}`,
    open: 'เปิดบทเรียนของคุณได้ที่:',
    signature: '– บ้านเรียน (Baanrian)',
    dateLocale: 'th-TH',
  },
  en: {
    subject: {
      promoted: (c) => `You have a seat: ${c} – Baanrian`,
      'reminder-day': (c) => `Tomorrow: ${c} – Baanrian`,
      'reminder-hour': (c) => `Starting in an hour: ${c} – Baanrian`,
    },
    hello: (n) => `Hello ${n},`,
    body: {
      promoted: (c) => `A seat became free and you are now enrolled in "${c}". There is nothing else to do.`,
      'reminder-day': (c, s, w) => `A reminder: "${s}" of "${c}" starts on ${w} (UTC+7).`,
      'reminder-hour': (c, s, w) => `"${s}" of "${c}" starts in about an hour, at ${w} (UTC+7).`,
    },
    venue: (v) => `Venue: ${v}`,
    open: 'Open your course here:',
    signature: '– Baanrian',
    dateLocale: 'en-GB',
  },
  vi: {
    subject: {
      promoted: (c) => `Bạn đã có chỗ: ${c} – Baanrian`,
      'reminder-day': (c) => `Ngày mai: ${c} – Baanrian`,
      'reminder-hour': (c) => `Còn một giờ nữa: ${c} – Baanrian`,
    },
    hello: (n) => `Xin chào ${n},`,
    body: {
      promoted: (c) => `Đã có chỗ trống và bạn đã được ghi danh vào "${c}". Bạn không cần làm gì thêm.`,
      'reminder-day': (c, s, w) => `Nhắc bạn: "${s}" của khóa "${c}" bắt đầu lúc ${w} (UTC+7).`,
      'reminder-hour': (c, s, w) => `"${s}" của khóa "${c}" bắt đầu trong khoảng một giờ nữa, lúc ${w} (UTC+7).`,
    },
    venue: (v) => `Địa điểm: ${v}`,
    open: 'Mở khóa học của bạn tại:',
    signature: '– Baanrian',
    dateLocale: 'vi-VN',
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The course title in the reader's language, else the course's own, else any. */
export function titleIn(title: LocalizedText | Partial<Record<Locale, string>>, locale: Locale): string {
  const t = title as Partial<Record<Locale, string>>;
  return t[locale] || t.th || t.en || t.vi || '';
}

export function learningMail(input: {
  kind: Kind;
  to: string;
  locale: Locale;
  displayName: string;
  courseTitle: string;
  link: string;
  session?: { title: string; startsAt: string; venue: string | null };
}): OutgoingMail {
  const t = TEXTS[input.locale] ?? TEXTS.th;
  const when = input.session
    ? new Intl.DateTimeFormat(t.dateLocale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(new Date(input.session.startsAt))
    : '';
  const paragraphs = [
    t.hello(input.displayName),
    t.body[input.kind](input.courseTitle, input.session?.title ?? '', when),
    ...(input.session?.venue ? [t.venue(input.session.venue)] : []),
    t.open,
  ];
  const text = [...paragraphs.flatMap((p) => [p, '']), input.link, '', t.signature].join('\n');
  const html = `<!doctype html><html lang="${input.locale}"><body style="font-family:sans-serif;line-height:1.7">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>
<p>${escapeHtml(t.signature)}</p>
</body></html>`;
  return { to: input.to, subject: t.subject[input.kind](input.courseTitle), text, html };
}
