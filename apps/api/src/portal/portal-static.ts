import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CoursesService } from '../courses/courses.service';
import { loadStartPageRenderer, localeFromCookie, StartPageHtml } from './start-page.renderer';

/**
 * Serves the built portal on the API's origin, so one URL serves everything. Any GET outside
 * `/api` that is not a file gets `index.html`, letting the portal's router take over; `/` comes
 * server-rendered with the catalogue when the build has a renderer (`<distDir>-ssr`).
 * Returns false when no build is present (e.g. `npm run dev`, where Vite serves the portal).
 */
export function servePortal(app: NestExpressApplication, distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return false;
  const logger = new Logger('Portal');
  const renderer = loadStartPageRenderer(`${distDir}-ssr`);
  const courses = app.get(CoursesService, { strict: false });
  const startPage = renderer && new StartPageHtml(readFileSync(index, 'utf8'), renderer, (query) => courses.listPublished(query));

  // Hashed assets never change; the HTML must always be revalidated to pick up a new build.
  app.useStaticAssets(path.join(distDir, 'assets'), { prefix: '/assets', immutable: true, maxAge: '1y' });
  app.useStaticAssets(distDir, { index: false, maxAge: '1h' });
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (startPage && req.path === '/') {
      try {
        const html = await startPage.html(req.originalUrl, localeFromCookie(req.headers.cookie));
        res.setHeader('Vary', 'Cookie');
        res.type('html').send(html);
        return;
      } catch (error) {
        // The browser renders the page itself from the plain shell: slower, never broken.
        logger.warn(`Start page not server-rendered: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    res.sendFile(index);
  });
  return true;
}
