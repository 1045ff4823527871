import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { buildStatusListCredential, signDataIntegrity } from '@baanrian/credentials';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CredentialKeysService } from './credential-keys.service';

/** The single revocation list: credentials point at it through `credentialStatus.statusListCredential`. */
export const STATUS_LIST_PATH = '/api/v1/credentials/status/1';

/**
 * The BitstringStatusListCredential, built from the revoked rows when asked for and signed with the
 * active key. Revoking a credential sets its bit simply by being revoked: there is no second copy to
 * keep in step. The signed answer is remembered until the revocations or the key change.
 */
@Injectable()
export class CredentialStatusListService {
  private cached: { version: string; document: Record<string, unknown> } | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: CredentialKeysService,
  ) {}

  get url(): string {
    return `${this.config.http.publicUrl}${STATUS_LIST_PATH}`;
  }

  async document(): Promise<Record<string, unknown>> {
    const key = await this.keys.ensureActive(this.db.manager);
    const revoked: { status_index: number }[] = await this.db.query(`SELECT status_index FROM credential WHERE revoked_at IS NOT NULL ORDER BY status_index`);
    const [{ latest }]: { latest: Date | null }[] = await this.db.query(`SELECT max(revoked_at) AS latest FROM credential WHERE revoked_at IS NOT NULL`);
    // Deterministic: the same revocations and key give the same document, byte for byte.
    const created = new Date(Math.max(latest?.getTime() ?? 0, key.created_at.getTime()));
    created.setMilliseconds(0);
    const version = `${key.kid}:${revoked.length}:${created.toISOString()}`;
    if (this.cached?.version === version) return this.cached.document;
    const unsigned = buildStatusListCredential({
      listUrl: this.url,
      issuerId: this.keys.did,
      validFrom: created.toISOString(),
      revokedIndexes: revoked.map((r) => r.status_index),
    });
    const signing = await this.keys.signingKey();
    const document = (await signDataIntegrity(unsigned, { privateKeyPkcs8: signing.privateKeyPkcs8, verificationMethod: signing.verificationMethod }, created.toISOString())) as unknown as Record<string, unknown>;
    this.cached = { version, document };
    return document;
  }
}
