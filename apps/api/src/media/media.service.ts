import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { MediaAssetEntity, type MediaStorage, originalMediaKey, tempMediaKey, variantMediaKey } from '@baanrian/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Repository } from 'typeorm';
import { asMedia } from '../authz/ability.factory';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { ensureCan, missingObject } from '../authz/policy';
import { DomainException } from '../problem/domain.exception';
import { MediaException } from './media.exception';
import { contradiction, FORMATS, type MediaFormat } from './media-formats';
import { IMAGE_WIDTHS, type ImageWidth, makeImageVariants, stripImageMetadata } from './media-images';
import { createHash } from 'node:crypto';
import { contentDisposition, sanitizeFileName } from './media-names';
import { parseRange } from './media-ranges';
import { tooLarge, UploadInspector } from './media-upload.inspector';
import { closing } from '../security/request-body.reader';
import type { MediaAssetDto } from './media.dto';

export const MEDIA_STORAGE = Symbol('MEDIA_STORAGE');

/** Content types an upload may declare: ours, and "I don't know". */
const DECLARABLE = new Set(['application/octet-stream', ...Object.values(FORMATS).flatMap((f) => f.declaredTypes)]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The content under an id never changes, so caches may keep it a year without asking again. */
const CACHE_FOREVER = 'public, max-age=31536000, immutable, no-transform';

export interface ServedMedia {
  status: 200 | 206 | 304;
  headers: Record<string, string>;
  /** Null for 304 and HEAD. */
  body: Readable | null;
}

@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);

  constructor(
    @InjectRepository(MediaAssetEntity) private readonly assets: Repository<MediaAssetEntity>,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Streams the request body to a temporary key while checking it, then makes image variants,
   * moves the bytes to their final key and only then writes the row: an upload that fails or is
   * cut off at any point leaves no row, and at most a temporary file that housekeeping removes.
   */
  async upload(req: Request, user: AuthUser): Promise<MediaAssetDto> {
    const declaredType = req.headers['content-type']?.split(';')[0].trim().toLowerCase() || null;
    if (declaredType && !DECLARABLE.has(declaredType)) throw closing(req, new MediaException('MEDIA_TYPE_UNSUPPORTED'));
    const rawName = req.header('x-filename') ?? null;
    const name = rawName === null ? null : sanitizeFileName(rawName, '');
    const declaredLength = Number(req.headers['content-length'] ?? NaN);
    const limits = this.config.media.maxBytes;
    // A body announced larger than anything we accept is refused before a byte is read.
    const largest = Math.max(...Object.values(limits));
    if (declaredLength > largest) throw closing(req, tooLarge(largest));

    const id = randomUUID();
    const tempKey = tempMediaKey(id);
    const written: string[] = [tempKey];
    const inspector = new UploadInspector({
      decide: (format) => {
        if (!format) throw new MediaException('MEDIA_TYPE_UNSUPPORTED');
        const claimed = contradiction(format, declaredType, name);
        if (claimed) throw new MediaException('MEDIA_TYPE_MISMATCH', { detected: format.label, declared: claimed }, { detectedType: format.contentType });
        const limit = limits[format.kind];
        if (declaredLength > limit) throw tooLarge(limit);
        return limit;
      },
      keepBytes: (format) => format.kind === 'image',
    });
    pipeRequest(req, inspector);
    try {
      await this.storage.put(tempKey, inspector, 'application/octet-stream');
      const format = inspector.format as MediaFormat;
      let sha256 = inspector.sha256;
      let byteSize = inspector.bytes;
      const imageWidths: number[] = [];
      const stripped = format.kind === 'image' ? await stripImageMetadata(inspector.contents as Buffer, format.contentType) : null;
      if (format.kind === 'image') {
        const variants = await makeImageVariants(inspector.contents as Buffer, format === FORMATS.gif);
        for (const [width, bytes] of variants) {
          const key = variantMediaKey(id, width);
          written.push(key);
          await this.storage.put(key, bufferStream(bytes), 'image/webp');
          imageWidths.push(width);
        }
      }
      const storageKey = originalMediaKey(id);
      written.push(storageKey);
      if (stripped) {
        // The photo without its metadata replaces the upload as the original.
        await this.storage.put(storageKey, bufferStream(stripped), format.contentType);
        await this.storage.delete(tempKey);
        sha256 = createHash('sha256').update(stripped).digest('hex');
        byteSize = stripped.length;
      } else {
        await this.storage.move(tempKey, storageKey);
      }
      const asset = this.assets.create({
          id,
          ownerId: user.id,
          kind: format.kind,
          contentType: format.contentType,
          byteSize,
          sha256,
          storageKey,
          originalName: name || `${format.kind}.${format.extensions[0]}`,
          status: 'ready',
          imageWidths,
      });
      // insert, not save: no SELECT first; generated columns (created_at) are filled in.
      await this.assets.insert(asset);
      return toDto(asset);
    } catch (error) {
      await Promise.all(written.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error instanceof DomainException ? closing(req, error) : error;
    }
  }

  /** The bytes of a ready asset (or one of its image variants), honouring Range and If-None-Match. */
  async serve(id: string, width: ImageWidth | undefined, request: { method: string; range?: string; ifRange?: string; ifNoneMatch?: string }): Promise<ServedMedia> {
    const asset = await this.find(id);
    const variant = width && asset.kind === 'image' && asset.imageWidths.includes(width) ? width : null;
    const key = variant ? variantMediaKey(asset.id, variant) : asset.storageKey;
    const size = variant ? (await this.storage.stat(key))?.size : asset.byteSize;
    if (size === undefined) throw new MediaException('MEDIA_NOT_FOUND');
    const etag = `"${asset.sha256}${variant ? `-w${variant}` : ''}"`;
    const name = variant ? asset.originalName.replace(/(\.[A-Za-z0-9]{1,10})?$/, `-${variant}.webp`) : asset.originalName;
    const headers: Record<string, string> = {
      'Content-Type': variant ? 'image/webp' : asset.contentType === 'text/vtt' ? 'text/vtt; charset=utf-8' : asset.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': contentDisposition(asset.kind === 'document' ? 'attachment' : 'inline', name),
      'Cache-Control': CACHE_FOREVER,
      ETag: etag,
      'Accept-Ranges': 'bytes',
      // Opened directly, a file is never a page: no scripts, no plugins, no same-origin access.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
    if (request.ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return { status: 304, headers, body: null };
    }
    const range = request.ifRange && request.ifRange !== etag ? null : parseRange(request.range, size);
    if (range === 'unsatisfiable') {
      throw new MediaException('MEDIA_RANGE_NOT_SATISFIABLE', {}, { size }, { 'Content-Range': `bytes */${size}`, 'Cache-Control': 'no-store' });
    }
    const head = request.method === 'HEAD';
    if (range) {
      headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
      headers['Content-Length'] = String(range.end - range.start + 1);
      return { status: 206, headers, body: head ? null : await this.storage.get(key, range) };
    }
    headers['Content-Length'] = String(size);
    return { status: 200, headers, body: head || size === 0 ? null : await this.storage.get(key) };
  }

  async meta(ability: AppAbility, id: string): Promise<MediaAssetDto> {
    const asset = await this.findFor(ability, 'read', id);
    ensureCan(ability, 'read', asMedia(asset));
    return toDto(asset);
  }

  /**
   * Deletes the row, then the bytes. References from courses are not checked (yet): a lesson
   * pointing at a deleted file shows it as missing. Bytes whose deletion fails are orphans that
   * housekeeping removes.
   */
  async remove(ability: AppAbility, id: string): Promise<void> {
    const asset = await this.findFor(ability, 'delete', id);
    ensureCan(ability, 'delete', asMedia(asset));
    await this.assets.delete({ id: asset.id });
    const keys = [asset.storageKey, ...asset.imageWidths.map((w) => variantMediaKey(asset.id, w))];
    await Promise.all(keys.map((key) => this.storage.delete(key).catch((err) => this.logger.warn({ err, key }, 'media bytes left for housekeeping'))));
  }

  /**
   * For details and deletion: an unknown id answers what someone else's file answers (403) to
   * all but administrators, so uploaders cannot tell others' files from nothing.
   */
  private async findFor(ability: AppAbility, action: 'read' | 'delete', id: string): Promise<MediaAssetEntity> {
    try {
      return await this.find(id);
    } catch (error) {
      throw error instanceof MediaException ? missingObject(ability, action, asMedia({ ownerId: null }), error) : error;
    }
  }

  private async find(id: string): Promise<MediaAssetEntity> {
    const asset = UUID.test(id) ? await this.assets.findOneBy({ id, status: 'ready' }) : null;
    if (!asset) throw new MediaException('MEDIA_NOT_FOUND');
    return asset;
  }
}

export function toDto(asset: MediaAssetEntity): MediaAssetDto {
  return {
    id: asset.id,
    kind: asset.kind,
    contentType: asset.contentType,
    byteSize: asset.byteSize,
    sha256: asset.sha256,
    originalName: asset.originalName,
    status: asset.status,
    imageWidths: asset.imageWidths.filter((w) => (IMAGE_WIDTHS as readonly number[]).includes(w)),
    ownerId: asset.ownerId,
    url: `/api/v1/media/${asset.id}`,
    createdAt: asset.createdAt.toISOString(),
  };
}

/**
 * Feeds the request into the inspector. A client that goes away mid-upload fails the inspector
 * (and so the storage write); a refusal by the inspector stops reading the request at once.
 */
function pipeRequest(req: Request, inspector: UploadInspector): void {
  const interrupted = () => {
    if (!req.complete) inspector.destroy(new MediaException('MEDIA_UPLOAD_INTERRUPTED'));
  };
  req.once('close', interrupted);
  req.once('error', interrupted);
  inspector.once('error', () => {
    req.unpipe(inspector);
    req.pause();
  });
  inspector.once('close', () => req.off('close', interrupted));
  req.pipe(inspector);
}

function bufferStream(bytes: Buffer): Readable {
  return Readable.from([bytes]);
}
