import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { createMediaStorage, type MediaStorage, type MediaSweepResult, sweepMediaOrphans } from '@baanrian/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Removes media bytes no row refers to: temporary files of uploads that were cut off or crashed,
 * and stored files whose row was never written or was deleted. Only files older than
 * MEDIA_TEMP_TTL_MINUTES are touched, so uploads in progress are safe. Idempotent.
 */
@Injectable()
export class MediaHousekeepingJob {
  private readonly logger = new Logger(MediaHousekeepingJob.name);
  private readonly storage: MediaStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.storage = createMediaStorage(config.media);
  }

  async handle(now = new Date()): Promise<MediaSweepResult> {
    const result = await sweepMediaOrphans(this.storage, this.db, { olderThanMinutes: this.config.media.tempTtlMinutes, now });
    this.logger.log(result, 'media housekeeping done');
    return result;
  }
}
