import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { createMediaStorage, MediaAssetEntity } from '@baanrian/db';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaController } from './media.controller';
import { MEDIA_STORAGE, MediaService } from './media.service';

@Module({
  imports: [TypeOrmModule.forFeature([MediaAssetEntity])],
  controllers: [MediaController],
  providers: [MediaService, { provide: MEDIA_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createMediaStorage(config.media) }],
  exports: [MediaService, MEDIA_STORAGE],
})
export class MediaModule {}
