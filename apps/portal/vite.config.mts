/// <reference types='vitest' />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import { nxCopyAssetsPlugin } from '@nx/vite/plugins/nx-copy-assets.plugin';
import { pwaPlugin } from './src/pwa/build-plugin';
import { CATALOGUE_FIRST_REQUEST, START_PAGE_MODULE } from './src/pwa/start-page';

/** The API (NestJS) in development; in production it serves this build on the same origin. */
const apiTarget = process.env['BAANRIAN_API_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig(({ isSsrBuild }) => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/portal',
  server: {
    port: 4200,
    host: 'localhost',
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
    },
  },
  preview: {
    port: 4300,
    host: 'localhost',
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
    },
  },
  plugins: [react(), nxViteTsPaths(), nxCopyAssetsPlugin(['*.md']),
    // Text is drawn once, in Sarabun if it is already there (cached, or within ~100 ms), else in
    // the phone's own Thai font for this page view: no late swap that moves text about and
    // repaints it on a slow connection. Sarabun is then cached for the next page.
    {
      name: 'sarabun-font-display-optional',
      transform: (code: string, id: string) =>
        /@fontsource\/sarabun\/\d+\.css/.test(id) ? code.replaceAll('font-display: swap', 'font-display: optional') : undefined,
    },
    // PWA: manifest link, sw.js; and the catalogue (the start page) fetches its lazy route and its
    // first API request alongside the entry instead of after it has run.
    pwaPlugin({ preloadModules: [START_PAGE_MODULE], preloadFetches: [CATALOGUE_FIRST_REQUEST] }),
  ],
  // `vite build --ssr src/ssr/start-page.server.tsx`: the start page's server renderer, one
  // self-contained CommonJS file that the API loads from dist/apps/portal-ssr (see src/ssr). The
  // name is START_PAGE_RENDERER_FILE of @baanrian/contracts (the e2e tests fail if they drift).
  ssr: { noExternal: true },
  build: isSsrBuild
    ? {
        outDir: '../../dist/apps/portal-ssr',
        emptyOutDir: true,
        copyPublicDir: false,
        rollupOptions: { output: { format: 'cjs' as const, entryFileNames: 'start-page.cjs' } },
      }
    : {
        outDir: '../../dist/apps/portal',
        emptyOutDir: true,
        reportCompressedSize: true,
        // .vite/manifest.json: which chunks the entry imports (tools/scripts/portal-size.ts measures them).
        manifest: true,
        commonjsOptions: {
          transformMixedEsModules: true,
        },
      },
  test: {
    name: 'portal',
    watch: false,
    globals: true,
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    reporters: ['default'],
    coverage: {
      reportsDirectory: '../../coverage/apps/portal',
      provider: 'v8' as const,
    },
  },
}));
