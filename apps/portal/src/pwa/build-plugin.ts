import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HtmlTagDescriptor, Plugin, ResolvedConfig, Rollup } from 'vite';
import { serviceWorkerSource } from './service-worker';

/** Files outside /assets that belong to the app shell (in public/). */
export const SHELL_FILES = ['/index.html', '/manifest.webmanifest', '/favicon.ico', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png'];

export const THEME_COLOR = '#0b5c4a';

/** Every file under `dir`, as URL paths ("/assets/x.js"). */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`) : [`${prefix}/${entry.name}`],
  );
}

/**
 * What the service worker precaches: the shell files present in the build and every JS and CSS file
 * under /assets (small; the lazy routes are needed offline too). Fonts and images are cached on first use.
 */
export function precacheList(outDir: string): string[] {
  const files = new Set(listFiles(outDir));
  const assets = [...files].filter((file) => /^\/assets\/.+\.(js|css)$/.test(file)).sort();
  return [...SHELL_FILES.filter((file) => files.has(file)), ...assets];
}

/** A short hash of the precached files' names and contents: a new build with any change gets new caches. */
export function precacheVersion(outDir: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(outDir, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Writes `sw.js` into a finished build; returns what it precaches. */
export function writeServiceWorker(outDir: string): { version: string; precache: string[] } {
  const precache = precacheList(outDir);
  const version = precacheVersion(outDir, precache);
  writeFileSync(path.join(outDir, 'sw.js'), serviceWorkerSource({ version, precache }));
  return { version, precache };
}

export interface PwaPluginOptions {
  /**
   * Lazily loaded modules the first page needs (source paths relative to the app root, e.g.
   * `src/pages/home/home-page.tsx`): their chunks, static imports and CSS are preloaded from
   * index.html, so a phone fetches them alongside the entry instead of after it has run.
   */
  preloadModules?: readonly string[];
  /**
   * Same-origin GET requests the first page makes (exact URLs), preloaded as `fetch` so the answer
   * is on its way while the JavaScript downloads. Only for the start page's own request.
   */
  preloadFetches?: readonly string[];
}

/** The chunks (and their CSS) of the given lazily loaded modules and of the entry's dynamic imports, with everything they import statically. */
export function lazyRouteFiles(bundle: Rollup.OutputBundle, root: string, modules: readonly string[]): { js: string[]; css: string[] } {
  const chunks = Object.values(bundle).filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const wanted = new Set(modules.map((module) => path.resolve(root, module)));
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (js.has(chunk.fileName)) return;
    js.add(chunk.fileName);
    (chunk as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata?.importedCss?.forEach((file) => css.add(file));
    chunk.imports.forEach((file) => {
      const imported = byFile.get(file);
      if (imported) visit(imported);
    });
  };
  chunks.filter((chunk) => chunk.facadeModuleId && wanted.has(path.resolve(chunk.facadeModuleId))).forEach(visit);
  // The entry starts up through dynamic imports (one task each, see src/main.tsx): those load on
  // every visit, so they are preloaded like the start page.
  chunks
    .filter((chunk) => chunk.isEntry)
    .flatMap((chunk) => chunk.dynamicImports)
    .forEach((file) => {
      const imported = byFile.get(file);
      if (imported) visit(imported);
    });
  return { js: [...js].sort(), css: [...css].sort() };
}

/**
 * The PWA build plugin: links the web app manifest from index.html, preloads what the first page
 * needs, and after a production build writes the service worker with the precache list.
 */
export function pwaPlugin(options: PwaPluginOptions = {}): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'baanrian-pwa',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const tags: HtmlTagDescriptor[] = [
          { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' }, injectTo: 'head' },
          { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/icon-192.png' }, injectTo: 'head' },
        ];
        if (!/<meta\s+name=["']theme-color["']/i.test(html)) {
          tags.push({ tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOR }, injectTo: 'head' });
        }
        if (ctx.bundle && config) {
          for (const href of options.preloadFetches ?? []) {
            tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', href, crossorigin: 'anonymous' }, injectTo: 'head' });
          }
          const base = config.base;
          const { js, css } = lazyRouteFiles(ctx.bundle, config.root, options.preloadModules ?? []);
          for (const file of js.filter((file) => !html.includes(`${base}${file}`))) {
            tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` }, injectTo: 'head' });
          }
          // Linked, not just preloaded: the server-rendered start page is styled at first paint
          // (nothing shifts when its chunk runs; Vite skips stylesheets already linked).
          for (const file of css.filter((file) => !html.includes(`${base}${file}`))) {
            tags.push({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `${base}${file}` }, injectTo: 'head' });
          }
        }
        return { html, tags };
      },
    },
    // After the files are written (public/ is copied before that); not run when the build fails.
    writeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (!config || config.command !== 'build' || config.build.ssr || config.mode === 'test') return;
        const outDir = path.resolve(config.root, config.build.outDir);
        const { version, precache } = writeServiceWorker(outDir);
        config.logger.info(`sw.js ${version}: precaches ${precache.length} files`);
      },
    },
  };
}
