import type Sharp from 'sharp';
import { MediaException } from './media.exception';

/** Widths of the WebP variants made for every image: phones, tablets, large screens. */
export const IMAGE_WIDTHS = [320, 640, 1280] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];

let loaded: typeof Sharp | undefined;

/** sharp (and libvips), loaded on the first image rather than at start: about 15 MB resident. */
function sharp(...args: Parameters<typeof Sharp>): ReturnType<typeof Sharp> {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('sharp') as typeof Sharp;
    // Uploads are resized one at a time per process: a burst of large photos must not take both cores.
    loaded.concurrency(1);
  }
  return loaded(...args);
}

/**
 * Checks the image decodes, then makes one WebP per width (never enlarged: a small image gets
 * variants at its own width), turned upright by its EXIF orientation and without its metadata
 * (phone photos carry GPS positions).
 */
export async function makeImageVariants(original: Buffer, animated: boolean): Promise<Map<ImageWidth, Buffer>> {
  try {
    await sharp(original).metadata();
  } catch {
    throw new MediaException('MEDIA_IMAGE_UNREADABLE');
  }
  const variants = new Map<ImageWidth, Buffer>();
  for (const width of IMAGE_WIDTHS) {
    try {
      const pipeline = sharp(original, { animated }).resize({ width, withoutEnlargement: true });
      variants.set(width, await (animated ? pipeline : pipeline.rotate()).webp({ quality: 78, effort: 3 }).toBuffer());
    } catch {
      throw new MediaException('MEDIA_IMAGE_UNREADABLE');
    }
  }
  return variants;
}

/**
 * The original of a still photo without its metadata: phones write the GPS position, the time and
 * the device into every picture, and the original is served publicly. Re-encoded in its own
 * format (upright by its EXIF orientation; JPEG at high quality, PNG and WebP as they were), so
 * nothing a learner downloads says where the instructor lives. Returns null for formats left as
 * uploaded (GIF: animation would be lost; it carries no EXIF position).
 */
export async function stripImageMetadata(original: Buffer, contentType: string): Promise<Buffer | null> {
  const image = sharp(original).rotate();
  try {
    if (contentType === 'image/jpeg') return await image.jpeg({ quality: 92, mozjpeg: false }).toBuffer();
    if (contentType === 'image/png') return await image.png().toBuffer();
    if (contentType === 'image/webp') return await image.webp({ quality: 92 }).toBuffer();
  } catch {
    throw new MediaException('MEDIA_IMAGE_UNREADABLE');
  }
  return null;
}
