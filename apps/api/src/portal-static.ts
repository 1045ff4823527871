import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Serves the built portal on the API's origin, so one URL serves everything. Any GET outside
 * `/api` that is not a file gets `index.html`, letting the portal's router take over.
 * Returns false when no build is present (e.g. `npm run dev`, where Vite serves the portal).
 */
export function servePortal(app: NestExpressApplication, distDir: string): boolean {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return false;
  // Hashed assets never change; the HTML must always be revalidated to pick up a new build.
  app.useStaticAssets(path.join(distDir, 'assets'), { prefix: '/assets', immutable: true, maxAge: '1y' });
  app.useStaticAssets(distDir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
