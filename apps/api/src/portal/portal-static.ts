import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { CatalogException } from '../catalog/catalog.exception';
import { CatalogService } from '../catalog/catalog.service';
import { CoursePageHtml } from './course-page.renderer';
import { deferScriptsToFirstPaint, inlineScriptHashes, loadCoursePageRenderer, loadStartPageRenderer, localeFromCookie, StartPageHtml } from './start-page.renderer';

/** `/courses/{slug}`: the shareable course page. */
const COURSE_PAGE = /^\/courses\/([^/]+)\/?$/;

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
  const shell = readFileSync(index, 'utf8');
  const renderer = loadStartPageRenderer(`${distDir}-ssr`);
  const courseRenderer = loadCoursePageRenderer(`${distDir}-ssr`);
  const catalog = app.get(CatalogService, { strict: false });
  const startPage = renderer && new StartPageHtml(shell, renderer, (query) => catalog.list(query));
  const publicUrl = app.get<AppConfig>(APP_CONFIG, { strict: false }).http.publicUrl;
  const coursePage = courseRenderer && new CoursePageHtml(shell, courseRenderer, publicUrl);

  // Hashed assets never change; the HTML must always be revalidated to pick up a new build.
  // Each folder and top-level file is mounted by name rather than the whole build at `/`: a
  // static handler at `/` would look for a file on disk (a stat call) for every API request.
  app.useStaticAssets(path.join(distDir, 'assets'), { prefix: '/assets', immutable: true, maxAge: '1y' });
  const entries = readdirSync(distDir, { withFileTypes: true });
  for (const dir of entries.filter((e) => e.isDirectory() && e.name !== 'assets')) {
    app.useStaticAssets(path.join(distDir, dir.name), { prefix: `/${dir.name}`, maxAge: '1h' });
  }
  const rootFiles = new Set(entries.filter((e) => e.isFile() && e.name !== 'index.html').map((e) => `/${e.name}`));
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    // `/.well-known/did.json` is the API's (did:web), not a portal page.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api') || req.path.startsWith('/.well-known/')) return next();
    if (rootFiles.has(req.path)) return res.sendFile(path.join(distDir, req.path.slice(1)), { maxAge: '1h' });
    if (req.method !== 'GET') return next();
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
    const course = coursePage && req.path.match(COURSE_PAGE);
    if (course) {
      const sent = await sendCoursePage(coursePage, catalog, req, res, decodeURIComponent(course[1]));
      if (sent) return;
      if (res.statusCode === 404) return res.sendFile(index); // the portal shows its "not found"
    }
    res.sendFile(index);
  });
  return true;
}

/**
 * The hashes of the inline scripts the served portal pages carry (the script loader of the
 * server-rendered pages), for the Content-Security-Policy; none when no build is present.
 */
export function portalInlineScriptHashes(distDir: string): string[] {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return [];
  const shell = readFileSync(index, 'utf8');
  return inlineScriptHashes(`${shell}\n${deferScriptsToFirstPaint(shell)}`);
}

async function sendCoursePage(html: CoursePageHtml, catalog: CatalogService, req: Request, res: Response, slug: string): Promise<boolean> {
  try {
    const course = await catalog.coursePage(slug);
    res.setHeader('Vary', 'Cookie');
    res.type('html').send(await html.html(req.originalUrl, localeFromCookie(req.headers.cookie), course));
    return true;
  } catch (error) {
    if (error instanceof CatalogException) {
      res.status(404);
      return false;
    }
    new Logger('Portal').warn(`Course page not server-rendered: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
