import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CatalogResponseCache, CatalogResponseMiddleware } from './catalog-response.cache';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

@Module({
  controllers: [CatalogController],
  providers: [CatalogService, CatalogResponseCache],
  exports: [CatalogService],
})
export class CatalogModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The listing only (not /catalog/{slug}).
    consumer.apply(CatalogResponseMiddleware).forRoutes({ path: 'catalog', method: RequestMethod.GET });
  }
}
