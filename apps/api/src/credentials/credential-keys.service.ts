import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { type Ed25519PublicJwk, generateIssuerKey, issuerDid, openPrivateKey, sealPrivateKey } from '@baanrian/credentials';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { IssuerKeyDto } from './credentials-admin.dto';

export interface IssuerKeyRow {
  id: string;
  kid: string;
  public_key_multibase: string;
  public_jwk: Ed25519PublicJwk;
  status: 'active' | 'retired';
  created_at: Date;
  retired_at: Date | null;
}

export interface SigningKey {
  id: string;
  kid: string;
  verificationMethod: string;
  privateKeyPkcs8: Buffer;
}

const KEY_COLUMNS = 'id, kid, public_key_multibase, public_jwk, status, created_at, retired_at';

/**
 * The issuer's Ed25519 keys. Private keys are stored sealed with CREDENTIALS_KEY and opened only
 * to sign; retired keys stay in the table (and in the DID document) so older credentials verify.
 */
@Injectable()
export class CredentialKeysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get did(): string {
    return issuerDid(this.config.http.publicUrl);
  }

  verificationMethod(kid: string): string {
    return `${this.did}#${kid}`;
  }

  /** Every key, oldest first: the DID document and JWKS list them all. */
  async all(): Promise<IssuerKeyRow[]> {
    await this.ensureActive(this.db.manager);
    return this.db.query(`SELECT ${KEY_COLUMNS} FROM issuer_key ORDER BY created_at, kid`);
  }

  async list(): Promise<IssuerKeyDto[]> {
    return (await this.all()).map((k) => ({
      kid: k.kid,
      verificationMethod: this.verificationMethod(k.kid),
      status: k.status,
      createdAt: k.created_at.toISOString(),
      retiredAt: k.retired_at?.toISOString() ?? null,
    }));
  }

  /** The active key, made on first use; the API and the worker may race, the partial unique index picks one. */
  async ensureActive(manager: EntityManager): Promise<IssuerKeyRow> {
    const [existing]: IssuerKeyRow[] = await manager.query(`SELECT ${KEY_COLUMNS} FROM issuer_key WHERE status = 'active'`);
    if (existing) return existing;
    await this.insertKey(manager);
    const [active]: IssuerKeyRow[] = await manager.query(`SELECT ${KEY_COLUMNS} FROM issuer_key WHERE status = 'active'`);
    return active;
  }

  async signingKey(manager: EntityManager = this.db.manager): Promise<SigningKey> {
    const active = await this.ensureActive(manager);
    const [{ private_key_sealed }]: { private_key_sealed: Buffer }[] = await manager.query(`SELECT private_key_sealed FROM issuer_key WHERE id = $1`, [active.id]);
    return {
      id: active.id,
      kid: active.kid,
      verificationMethod: this.verificationMethod(active.kid),
      privateKeyPkcs8: openPrivateKey(private_key_sealed, this.config.credentials.keyEncryptionKey),
    };
  }

  /** Retires the active key and makes a new one, in one transaction; new credentials use the new key. */
  async rotate(): Promise<IssuerKeyDto> {
    const next = await this.db.transaction(async (manager) => {
      await this.ensureActive(manager);
      // Lock the active row so two rotations in parallel retire it once and make one successor.
      const [active]: { id: string }[] = await manager.query(`SELECT id FROM issuer_key WHERE status = 'active' FOR UPDATE`);
      // Nothing to retire when a parallel rotation got there first: its new key is the answer.
      if (active) await manager.query(`UPDATE issuer_key SET status = 'retired', retired_at = now() WHERE id = $1`, [active.id]);
      return this.ensureActive(manager);
    });
    return { kid: next.kid, verificationMethod: this.verificationMethod(next.kid), status: next.status, createdAt: next.created_at.toISOString(), retiredAt: null };
  }

  private async insertKey(manager: EntityManager): Promise<void> {
    const key = generateIssuerKey();
    const sealed = sealPrivateKey(key.privateKeyPkcs8, this.config.credentials.keyEncryptionKey);
    await manager.query(
      `INSERT INTO issuer_key (kid, public_key_multibase, public_jwk, private_key_sealed, status)
       VALUES ($1, $2, $3, $4, 'active') ON CONFLICT DO NOTHING`,
      [key.kid, key.publicKeyMultibase, JSON.stringify(key.publicJwk), sealed],
    );
  }
}
