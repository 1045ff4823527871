import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const ISSUER_KEY_STATUSES = ['active', 'retired'] as const;
export type IssuerKeyStatus = (typeof ISSUER_KEY_STATUSES)[number];

/**
 * An Ed25519 key that signs credentials. Retired keys stay (and stay in the DID document), so
 * credentials signed before a rotation keep verifying. The private key is sealed with
 * CREDENTIALS_KEY: a database dump alone cannot sign anything.
 */
@Entity('issuer_key')
@Unique('UQ_issuer_key_kid', ['kid'])
// One signing key at a time; the worker and the API may both create the first one, and the loser retries.
@Index('UQ_issuer_key_active', ['status'], { unique: true, where: `status = 'active'` })
@Check('issuer_key_status_check', `status IN ('active', 'retired')`)
export class IssuerKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_issuer_key' })
  id: string;

  @Column({ type: 'text' })
  kid: string;

  @Column({ name: 'public_key_multibase', type: 'text' })
  publicKeyMultibase: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk: Record<string, unknown>;

  /** iv | tag | ciphertext of the PKCS#8 private key (AES-256-GCM under CREDENTIALS_KEY). */
  @Column({ name: 'private_key_sealed', type: 'bytea' })
  privateKeySealed: Buffer;

  @Column({ type: 'text', default: 'active' })
  status: IssuerKeyStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
