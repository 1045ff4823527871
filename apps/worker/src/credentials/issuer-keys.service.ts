import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { generateIssuerKey, issuerDid, openPrivateKey, sealPrivateKey } from '@baanrian/credentials';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** The key credentials are signed with now: its row id, and what the signer needs. */
export interface SigningKey {
  id: string;
  kid: string;
  verificationMethod: string;
  privateKeyPkcs8: Buffer;
}

/**
 * The issuer's Ed25519 signing key. Created on first start when none is active; the API may race
 * us to it, and the partial unique index (one active key) makes one of the two inserts a no-op.
 * Rotation retires the active key (it stays in the DID document) and creates a new one.
 */
@Injectable()
export class IssuerKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IssuerKeysService.name);
  private readonly opened = new Map<string, SigningKey>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.active();
  }

  /** The active key, creating it if there is none. */
  async active(db: DataSource | EntityManager = this.db): Promise<SigningKey> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const [row] = await db.query(`SELECT id, kid, private_key_sealed FROM issuer_key WHERE status = 'active'`);
      if (row) return this.open(row);
      await this.insertKey(db);
    }
    throw new Error('no active issuer key after creating one');
  }

  /** Retires the active key and makes a new one active, in one transaction. */
  async rotate(): Promise<SigningKey> {
    const key = await this.db.transaction(async (manager) => {
      await manager.query(`UPDATE issuer_key SET status = 'retired', retired_at = now() WHERE status = 'active'`);
      await this.insertKey(manager);
      return this.active(manager);
    });
    this.logger.log({ kid: key.kid }, 'issuer key rotated');
    return key;
  }

  private async insertKey(db: DataSource | EntityManager): Promise<void> {
    const material = generateIssuerKey();
    const inserted = await db.query(
      `INSERT INTO issuer_key (kid, public_key_multibase, public_jwk, private_key_sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (status) WHERE status = 'active' DO NOTHING RETURNING id`,
      [material.kid, material.publicKeyMultibase, material.publicJwk, sealPrivateKey(material.privateKeyPkcs8, this.config.credentials.keyEncryptionKey)],
    );
    if (inserted.length) this.logger.log({ kid: material.kid }, 'issuer key created');
  }

  /** A key row made ready to sign (the sealed private key is opened once per process and kept). */
  open(row: { id: string; kid: string; private_key_sealed: Buffer }): SigningKey {
    let key = this.opened.get(row.id);
    if (!key) {
      key = {
        id: row.id,
        kid: row.kid,
        verificationMethod: `${issuerDid(this.config.http.publicUrl)}#${row.kid}`,
        privateKeyPkcs8: openPrivateKey(row.private_key_sealed, this.config.credentials.keyEncryptionKey),
      };
      this.opened.set(row.id, key);
    }
    return key;
  }
}
