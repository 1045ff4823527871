import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { LocalizedText } from '@baanrian/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { IssuerProfileDto, UpdateIssuerProfileDto } from './credentials-admin.dto';
import type { IssuerProfileDocumentDto } from './credentials.dto';
import { CredentialKeysService } from './credential-keys.service';
import { CredentialMedia } from './credential-media';

interface ProfileRow {
  name: LocalizedText;
  url: string;
  email: string | null;
  image_media_id: string | null;
  updated_at: Date | null;
}

/** The issuer profile (a single row): who signs, as shown in credentials and on the verification page. */
@Injectable()
export class CredentialIssuerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: CredentialKeysService,
    private readonly media: CredentialMedia,
  ) {}

  /** The stored profile, or (before an administrator fills it in) the platform's name and URL. */
  async get(): Promise<IssuerProfileDto> {
    const [row]: ProfileRow[] = await this.db.query(`SELECT name, url, email, image_media_id, updated_at FROM issuer_profile WHERE id = 1`);
    // Same default as the worker's issuer name, so credentials and this profile agree before anyone edits it.
    const profile = row ?? { name: { th: 'บ้านเรียน (Baanrian)' }, url: this.config.http.publicUrl, email: null, image_media_id: null, updated_at: null };
    return {
      name: profile.name,
      url: profile.url,
      email: profile.email,
      imageMediaId: profile.image_media_id,
      updatedAt: profile.updated_at?.toISOString() ?? null,
    };
  }

  async update(dto: UpdateIssuerProfileDto): Promise<IssuerProfileDto> {
    if (dto.imageMediaId) await this.media.assertImages([dto.imageMediaId]);
    await this.db.query(
      `INSERT INTO issuer_profile (id, name, url, email, image_media_id, updated_at) VALUES (1, $1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, url = EXCLUDED.url, email = EXCLUDED.email,
         image_media_id = EXCLUDED.image_media_id, updated_at = now()`,
      [JSON.stringify(dto.name), dto.url, dto.email ?? null, dto.imageMediaId ?? null],
    );
    return this.get();
  }

  /** The Open Badges 3.0 Profile document of the issuer (its id is the did:web DID). */
  async document(): Promise<IssuerProfileDocumentDto> {
    const profile = await this.get();
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: this.keys.did,
      type: ['Profile'],
      name: profile.name.th,
      url: profile.url,
      ...(profile.email ? { email: profile.email } : {}),
      ...(profile.imageMediaId ? { image: { id: this.media.publicUrl(profile.imageMediaId), type: 'Image' as const } } : {}),
    };
  }
}
