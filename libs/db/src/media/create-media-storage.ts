import type { MediaConfig } from '@baanrian/config';
import { LocalMediaStorage } from './local-media.storage';
import type { MediaStorage } from './media-storage';
import { S3MediaStorage } from './s3-media.storage';

/** The configured storage: local disk by default, an S3-compatible store with MEDIA_STORAGE=s3. */
export function createMediaStorage(config: MediaConfig): MediaStorage {
  return config.storage === 's3' && config.s3 ? new S3MediaStorage(config.s3) : new LocalMediaStorage(config.dir);
}
