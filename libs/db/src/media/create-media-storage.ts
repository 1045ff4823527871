import type { MediaConfig } from '@baanrian/config';
import { LocalMediaStorage } from './local-media.storage';
import type { MediaStorage } from './media-storage';

/**
 * The configured storage: local disk by default, an S3-compatible store with MEDIA_STORAGE=s3.
 * The S3 module is loaded only when configured: the AWS SDK alone is about 20 MB resident, in
 * every API and worker process of a deployment that keeps media on local disk.
 */
export function createMediaStorage(config: MediaConfig): MediaStorage {
  if (config.storage !== 's3' || !config.s3) return new LocalMediaStorage(config.dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { S3MediaStorage } = require('./s3-media.storage') as typeof import('./s3-media.storage');
  return new S3MediaStorage(config.s3);
}
