import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface SecurityHeaderOptions {
  /** `PUBLIC_URL`: Strict-Transport-Security is sent only when people reach us over https. */
  publicUrl: string;
  /** `sha256-…` sources of the inline scripts the API itself writes into portal pages. */
  inlineScriptHashes?: readonly string[];
}

/** Swagger UI at /api/docs ships inline `<style>` blocks and data: images; only it gets them. */
const DOCS_PATH = /^\/api\/docs(?:\/|$)/;
const ONE_YEAR = 31_536_000;

/**
 * The two `<style>` elements react-aria adds to the page at run time, by hash (their text is
 * fixed): usePress's `touch-action` rule for pressable elements, and usePreventScroll's
 * `overscroll-behavior` rule while a modal is open on a touch screen
 * (node_modules/react-aria/dist/private/interactions/usePress.mjs, overlays/usePreventScroll.mjs).
 * When an upgrade changes their text, the browser test (apps/e2e/src/security-headers.spec.ts)
 * fails with the new hash in Chromium's message.
 */
export const REACT_ARIA_STYLE_HASHES = [
  'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o=',
  'sha256-gYiS/BvZvRcK27JIXTuwhZ3hs2+VJ1X+2gUlE+farlg=',
];

/**
 * The Content-Security-Policy of every response. The portal is a same-origin build: scripts,
 * styles, fonts (Sarabun, self-hosted), media and API calls all come from 'self'. Exceptions,
 * each for a reason:
 * - script hashes: the start and course pages carry one inline loader (portal/start-page.renderer.ts);
 * - style attributes: course text rendered from Markdown aligns table columns with
 *   `style="text-align:…"` (the only style its sanitiser lets through, courses/markdown.renderer.ts),
 *   and server-rendered markup would carry React's `style` props. An attribute cannot load a
 *   script; style sheets stay 'self' only, and `<style>` elements react-aria's two, by hash;
 * - https: images: that Markdown may show an image from any https address;
 * - data: images: QR codes of sign-in cards and check-in codes are inlined SVG;
 * - blob: images and frames: previews of files built in the browser (certificate PDF preview).
 */
export function contentSecurityPolicy(options: { inlineScriptHashes?: readonly string[]; docs?: boolean } = {}): string {
  const sources = (hashes: readonly string[]) => hashes.map((hash) => ` '${hash}'`).join('');
  const directives = [
    "default-src 'self'",
    `script-src 'self'${sources(options.inlineScriptHashes ?? [])}`,
    options.docs ? "style-src 'self' 'unsafe-inline'" : `style-src 'self'${sources(REACT_ARIA_STYLE_HASHES)}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "media-src 'self'",
    "connect-src 'self'",
    "frame-src 'self' blob:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/** Features no page of ours uses are off; sharing and copying links stay available to our own pages. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'midi=()',
  'display-capture=()',
  'browsing-topics=()',
  'web-share=(self)',
  'clipboard-write=(self)',
  'fullscreen=(self)',
].join(', ');

/**
 * Sets the security headers on every response the API sends: portal pages, assets, API JSON and
 * problems alike. It runs first, so every later handler (even one that answers from a cache)
 * inherits them; a handler with stricter needs overrides them (media files set their own
 * sandboxing policy).
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const policy = contentSecurityPolicy({ inlineScriptHashes: options.inlineScriptHashes });
  const docsPolicy = contentSecurityPolicy({ docs: true });
  const https = new URL(options.publicUrl).protocol === 'https:';
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', DOCS_PATH.test(req.path) ? docsPolicy : policy);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The older spelling of frame-ancestors 'none', for browsers without CSP level 2.
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    // Over plain http (a laptop, a test) HSTS would be ignored at best and pin a dev host at worst.
    if (https) res.setHeader('Strict-Transport-Security', `max-age=${ONE_YEAR}; includeSubDomains`);
    next();
  };
}
