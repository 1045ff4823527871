import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { CERTIFICATE_IMAGE_MAX_BYTES, CERTIFICATE_IMAGE_TYPES } from '@baanrian/contracts';
import type { MediaStorage } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { MEDIA_STORAGE } from '../media/media.service';
import { CredentialsException } from './credentials.exception';

/** Images of templates and the issuer profile, and the rendered PDFs, in media storage. */
@Injectable()
export class CredentialMedia {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  publicUrl(mediaId: string): string {
    return `${this.config.http.publicUrl}/api/v1/media/${mediaId}`;
  }

  /**
   * Logos and signatures are drawn by the PDF renderer: uploaded PNG or JPEG images only (the media
   * upload recognised the type from the bytes), small enough to embed in every certificate.
   */
  async assertImages(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const rows: { byte_size: string }[] = await this.db.query(
      `SELECT byte_size FROM media_asset WHERE id = ANY($1::uuid[]) AND status = 'ready' AND content_type = ANY($2::text[])`,
      [unique, CERTIFICATE_IMAGE_TYPES],
    );
    if (rows.length !== unique.length) throw new CredentialsException('CREDENTIAL_MEDIA_INVALID');
    if (rows.some((row) => Number(row.byte_size) > CERTIFICATE_IMAGE_MAX_BYTES)) {
      throw new CredentialsException('CREDENTIAL_MEDIA_TOO_LARGE', {}, { maxMegabytes: CERTIFICATE_IMAGE_MAX_BYTES / (1024 * 1024) });
    }
  }

  /** The bytes of an image, or null when it is gone (the renderer then draws without it and warns). */
  async bytes(mediaId: string | null | undefined): Promise<Buffer | null> {
    if (!mediaId) return null;
    const stream = await this.open(mediaId);
    if (!stream) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async open(mediaId: string): Promise<Readable | null> {
    const [row]: { storage_key: string }[] = await this.db.query(`SELECT storage_key FROM media_asset WHERE id = $1 AND status = 'ready'`, [mediaId]);
    if (!row) return null;
    try {
      return await this.storage.get(row.storage_key);
    } catch {
      return null;
    }
  }
}
