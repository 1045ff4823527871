/**
 * jsdom gaps that RAC's overlays touch (Modal reads <meta> via CSS.escape). Browsers have these;
 * tests import this file (render-app.tsx does) instead of a global setup file.
 */
const css = (globalThis as { CSS?: { escape?: (value: string) => string } }).CSS ?? {};
if (typeof css.escape !== 'function') {
  css.escape = (value: string) => value.replace(/([^\w-])/g, '\\$1');
  (globalThis as { CSS?: unknown }).CSS = css;
}
