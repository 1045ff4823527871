import { Module } from '@nestjs/common';
import { CatalogResponseCache } from './catalog-response.cache';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';

@Module({
  controllers: [CatalogController],
  providers: [CatalogService, CatalogResponseCache],
  // The response cache is mounted by bootstrap at the top of the middleware stack.
  exports: [CatalogService, CatalogResponseCache],
})
export class CatalogModule {}
