import type { Locale } from '@baanrian/contracts';

const LOCALES: Record<Locale, string> = { th: 'th-TH-u-ca-buddhist', en: 'en-GB', vi: 'vi-VN' };
const formats = new Map<Locale, Intl.DateTimeFormat>();

/** "14:00": a session's time in Thai time (the programme's venues are in Thailand). */
export function formatTime(value: string, locale: Locale): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Bangkok' });
    formats.set(locale, format);
  }
  return format.format(date);
}
