import { REACH_SOURCES } from '@baanrian/contracts';
import { classifySource, isBot } from './reach-source';

const own = ['learn.example.org', '127.0.0.1'];
const from = (referrer?: string, utm: { utmSource?: string; utmMedium?: string } = {}) => classifySource({ referrer, ...utm, ownHosts: own });

describe('classifySource', () => {
  it.each([
    ['https://www.facebook.com/', 'facebook'],
    ['https://m.facebook.com/story.php', 'facebook'],
    ['https://l.facebook.com/l.php', 'facebook'],
    ['https://lm.facebook.com/', 'facebook'],
    ['https://fb.me/abc', 'facebook'],
    ['https://line.me/R/msg', 'line'],
    ['https://liff.line.me/1656-abc', 'line'],
    ['https://lin.ee/xyz', 'line'],
    ['https://www.google.co.th/', 'google'],
    ['https://www.google.com/search', 'google'],
    ['https://mail.google.com/mail/u/0/', 'email'],
    ['https://outlook.live.com/mail/0/', 'email'],
    ['https://www.youtube.com/watch', 'youtube'],
    ['https://youtu.be/abc', 'youtube'],
    ['https://www.tiktok.com/@baanrian', 'tiktok'],
    ['https://t.co/abc', 'x'],
    ['https://x.com/baanrian', 'x'],
    ['https://twitter.com/baanrian', 'x'],
    ['https://www.chiangmaipao.go.th/news', 'other'],
    // Look-alikes are not the real thing.
    ['https://notfacebook.com/', 'other'],
    ['https://facebook.com.evil.example/', 'other'],
    ['https://google.evil.example/', 'other'],
  ])('%s → %s', (referrer, source) => {
    expect(from(referrer)).toBe(source);
  });

  it('counts no referrer, an empty one and this site’s own pages as direct', () => {
    expect(from()).toBe('direct');
    expect(from('')).toBe('direct');
    expect(from('https://learn.example.org/courses/abc')).toBe('direct');
    expect(from('https://LEARN.example.org./')).toBe('direct');
    expect(from('http://127.0.0.1:3000/')).toBe('direct');
  });

  it('prefers utm_source, then utm_medium, over the referrer (in-app browsers often send none)', () => {
    expect(from(undefined, { utmSource: 'facebook', utmMedium: 'share' })).toBe('facebook');
    expect(from('https://www.google.com/', { utmSource: 'LINE' })).toBe('line');
    expect(from(undefined, { utmSource: 'fb' })).toBe('facebook');
    expect(from(undefined, { utmSource: 'newsletter' })).toBe('email');
    expect(from(undefined, { utmSource: 'm.facebook.com' })).toBe('facebook');
    expect(from(undefined, { utmSource: 'share', utmMedium: 'line' })).toBe('line');
    expect(from(undefined, { utmSource: 'province-office', utmMedium: 'email' })).toBe('email');
  });

  it('calls a tagged link from nowhere we know "other", not direct', () => {
    expect(from(undefined, { utmSource: 'radio-spot' })).toBe('other');
    expect(from('https://learn.example.org/', { utmSource: 'copy' })).toBe('other');
    expect(from('https://www.facebook.com/', { utmSource: 'copy' })).toBe('facebook');
  });

  it('calls an unreadable or non-web referrer "other"', () => {
    expect(from('not a url')).toBe('other');
    expect(from('android-app://com.example.app/')).toBe('other');
  });

  it('only ever answers one of REACH_SOURCES', () => {
    const inputs = ['https://a.b/', '', 'x', 'https://line.me/', undefined];
    for (const referrer of inputs) for (const utmSource of inputs) expect(REACH_SOURCES).toContain(from(referrer, { utmSource }));
  });
});

describe('isBot', () => {
  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Mozilla/5.0 (compatible; AhrefsBot/7.0)',
    'Baiduspider+(+http://www.baidu.com/search/spider.htm)',
    'Mozilla/5.0 (compatible; Yahoo! Slurp)',
  ])('ignores %s', (ua) => expect(isBot(ua)).toBe(true));

  it.each([
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Line/14.5.0',
    // Our own browser tests, and the odd real person with such a browser, are counted.
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0 Safari/537.36',
    'Mozilla/5.0 (Linux; Android 11; CUBOT X30) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36',
  ])('counts %s', (ua) => expect(isBot(ua)).toBe(false));
});
