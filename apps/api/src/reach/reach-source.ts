import type { ReachSource } from '@baanrian/contracts';

/** What a beacon says about where the visitor came from; only the resulting source is stored. */
export interface VisitOrigin {
  /** document.referrer (origin + path); may be absent, relative or garbage. */
  referrer?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  /** Host names of this site (the public URL's and the request's): a referrer from them is "direct". */
  ownHosts: readonly string[];
}

/** A host and its subdomains: `facebook.com` matches `m.facebook.com` and `l.facebook.com`. */
const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

// Checked in order: webmail before google (mail.google.com is an email click, not a search).
const HOST_RULES: [ReachSource, (host: string) => boolean][] = [
  ['email', (h) => /^(mail|webmail)\./.test(h) || ['outlook.live.com', 'outlook.office.com', 'outlook.office365.com'].includes(h)],
  ['facebook', (h) => ['facebook.com', 'fb.me', 'fb.com', 'fb.watch', 'messenger.com'].some((d) => under(h, d))],
  // line.me covers liff.line.me (LINE's in-app pages) and social-plugins.line.me; lin.ee is LINE's short link.
  ['line', (h) => ['line.me', 'lin.ee', 'line.naver.jp'].some((d) => under(h, d))],
  ['youtube', (h) => under(h, 'youtube.com') || under(h, 'youtu.be')],
  ['google', (h) => /(^|\.)google\.[a-z]{2,3}(\.[a-z]{2})?$/.test(h)],
  ['tiktok', (h) => under(h, 'tiktok.com')],
  ['x', (h) => ['x.com', 'twitter.com', 't.co'].some((d) => under(h, d))],
];

// utm_source / utm_medium values people actually type into shared links.
const UTM_ALIASES: Record<string, ReachSource> = {
  facebook: 'facebook', fb: 'facebook', meta: 'facebook', messenger: 'facebook',
  line: 'line', line_oa: 'line', lineoa: 'line', liff: 'line',
  google: 'google',
  youtube: 'youtube', yt: 'youtube',
  tiktok: 'tiktok',
  x: 'x', twitter: 'x',
  email: 'email', 'e-mail': 'email', mail: 'email', newsletter: 'email',
};

function utmSource(value: string | null | undefined): ReachSource | null {
  const key = value?.trim().toLowerCase();
  if (!key) return null;
  return UTM_ALIASES[key] ?? HOST_RULES.find(([, matches]) => matches(key))?.[0] ?? null;
}

function referrerHost(referrer: string | null | undefined): string | null | undefined {
  if (!referrer?.trim()) return undefined;
  try {
    const url = new URL(referrer.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase().replace(/\.$/, '') : null;
  } catch {
    return null; // present but unreadable: someone referred the visitor, we cannot tell who
  }
}

/**
 * Where a visit came from. Tagged links win (utm_source, then utm_medium, e.g. `utm_medium=email`),
 * because in-app browsers (LINE, Facebook) often send no referrer; then the referrer's host. No
 * referrer, or a page of this site, is `direct`, unless the link was tagged with something we do
 * not know (then `other`).
 */
export function classifySource(origin: VisitOrigin): ReachSource {
  const tagged = utmSource(origin.utmSource) ?? utmSource(origin.utmMedium);
  if (tagged) return tagged;
  const host = referrerHost(origin.referrer);
  const own = origin.ownHosts.map((h) => h.toLowerCase());
  const hasUnknownTag = !!origin.utmSource?.trim();
  if (host === undefined || (host !== null && own.includes(host))) return hasUnknownTag ? 'other' : 'direct';
  if (host === null) return 'other';
  return HOST_RULES.find(([, matches]) => matches(host))?.[0] ?? 'other';
}

/**
 * Crawlers and link previewers that run scripts. Headless browsers are NOT excluded: the e2e tests
 * (HeadlessChrome) are real page views of their test database, and real people use such UAs rarely.
 */
const BOT_UA = /(?<!cu)bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|lighthouse|pingdom|uptime/i;

export const isBot = (userAgent: string): boolean => BOT_UA.test(userAgent);
