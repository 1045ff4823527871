import type { Locale } from '@baanrian/contracts';

/**
 * Locale-aware dates and numbers. Thai readers expect the Buddhist Era (2566 for 2023), so Thai
 * uses the `buddhist` calendar explicitly rather than relying on the device's default calendar.
 */
const DATE_LOCALES: Record<Locale, string> = {
  th: 'th-TH-u-ca-buddhist',
  en: 'en-GB', // "20 Oct 2023": day first, like Thai and Vietnamese, no US month/day ambiguity
  vi: 'vi-VN',
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "20 ต.ค. 2566" (th), "20 Oct 2023" (en), "20 thg 10, 2023" (vi). Invalid input gives ''. */
export function formatDate(value: Date | string | number, locale: Locale, timeZone = 'Asia/Bangkok'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    // The portal serves Thai provinces: dates are shown in Thai time whatever the device says.
    format = new Intl.DateTimeFormat(DATE_LOCALES[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

/** A machine-readable date for `<time dateTime>`. */
export function isoDate(value: Date | string | number): string | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** "1,876" in every locale we ship except Vietnamese, which groups with dots ("1.876"). */
export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}
