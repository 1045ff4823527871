import type { AppConfig } from '@baanrian/config';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { CatalogResponseCache } from './catalog/catalog-response.cache';
import { requestContextMiddleware } from './observability/request-context';
import { buildOpenApiDocument } from './openapi';
import { portalInlineScriptHashes, servePortal } from './portal/portal-static';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { createValidationPipe } from './problem/validation.pipe';
import { securityHeaders } from './security/security-headers.middleware';

/** Builds the API exactly as production runs it; `main.ts` and the integration tests share it. */
export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  return configureApi(await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true }), config);
}

/**
 * Everything createApi sets up around the module tree: split out so a test can build the same
 * application from a testing module (with a provider replaced, e.g. the report runner of exports).
 */
export function configureApi(app: NestExpressApplication, config: AppConfig): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  // First of all, so every response carries them: pages, assets, API answers, problems, cache hits.
  app.use(securityHeaders({ publicUrl: config.http.publicUrl, inlineScriptHashes: portalInlineScriptHashes(config.portal.distDir) }));
  // Remembered catalog listings first, as a proxy cache would answer them (see the class).
  app.use(app.get(CatalogResponseCache).handle);
  app.use(requestContextMiddleware);
  // Phones on weak connections: text (HTML, JS, JSON) shrinks to a fraction over the wire.
  app.use(compression());
  app.useBodyParser('json', { limit: '1mb' });
  // Only the refresh cookie is read, and only by /auth.
  app.use(cookieParser());
  // did:web resolves `did:web:<host>` to /.well-known/did.json at the origin's root.
  app.setGlobalPrefix('api/v1', { exclude: ['.well-known/did.json'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Exit with code 0 after an orderly shutdown instead of re-raising the signal.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  servePortal(app, config.portal.distDir);
  return app;
}
