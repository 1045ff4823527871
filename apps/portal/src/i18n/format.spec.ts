import { formatDate, formatNumber } from './format';
import { createI18n } from './i18n';

describe('formatDate', () => {
  const date = '2023-10-20T03:00:00.000Z';

  it('shows the Buddhist Era in Thai', () => {
    expect(formatDate(date, 'th')).toBe('20 ต.ค. 2566');
  });

  it('shows the Gregorian year in English and Vietnamese', () => {
    expect(formatDate(date, 'en')).toBe('20 Oct 2023');
    expect(formatDate(date, 'vi')).toMatch(/^20 thg 10,? 2023$/);
  });

  it('uses Thai time: late evening UTC is already the next day in Bangkok', () => {
    expect(formatDate('2023-10-19T20:00:00.000Z', 'en')).toBe('20 Oct 2023');
  });

  it('gives an empty string for an invalid date instead of "Invalid Date"', () => {
    expect(formatDate('not a date', 'th')).toBe('');
  });
});

describe('numbers and plurals', () => {
  it('groups digits per locale', () => {
    expect(formatNumber(1876, 'th')).toBe('1,876');
    expect(formatNumber(1876, 'en')).toBe('1,876');
    expect(formatNumber(1876, 'vi')).toBe('1.876');
  });

  it('picks the plural form per language with `count`', () => {
    const en = createI18n('en');
    expect(en.t('results.count', { count: 1 })).toBe('1 course found');
    expect(en.t('results.count', { count: 1876 })).toBe('1,876 courses found');
    const th = createI18n('th');
    expect(th.t('results.count', { count: 1876 })).toBe('พบ 1,876 หลักสูตร');
    const vi = createI18n('vi');
    expect(vi.t('results.count', { count: 1876 })).toMatch(/1\.876/);
  });
});
