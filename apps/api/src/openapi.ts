import { loadConfig } from '@baanrian/config';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ProblemDto } from './problem/problem.dto';

/** The OpenAPI document the typed client in `libs/api-client` is generated from. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Baanrian API')
    .setDescription('Self-hosted MOOC and lifelong-learning LMS. Errors are application/problem+json (RFC 9457).')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from sign-in or refresh (10 minutes)' })
    .addCookieAuth('baanrian_refresh', { type: 'apiKey', in: 'cookie', description: 'HttpOnly refresh token, sent only to /api/v1/auth' }, 'refresh-cookie')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
    extraModels: [ProblemDto],
  });
}

/** Sorted keys, so the committed document only changes when the API does. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/**
 * The document as committed in `libs/api-client`, built without connecting to anything:
 * preview mode assembles the module graph but instantiates no provider.
 */
export async function generateOpenApiJson(): Promise<string> {
  const config = loadConfig({ DATABASE_URL: 'postgres://preview/preview', REDIS_URL: 'redis://preview' });
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  // did:web resolves `did:web:<host>` to /.well-known/did.json at the origin's root.
  app.setGlobalPrefix('api/v1', { exclude: ['.well-known/did.json'] });
  try {
    return stableJson(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
}
