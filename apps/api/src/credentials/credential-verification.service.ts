import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { buildDidDocument, buildJwks, verifyDataIntegrity } from '@baanrian/credentials';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CredentialSerialDto, CredentialVerificationDto, JwksDto } from './credentials.dto';
import { CredentialsException } from './credentials.exception';
import { CredentialKeysService } from './credential-keys.service';

interface PublicCredentialRow {
  id: string;
  learner_name: string;
  achievement_name: string;
  issued_at: Date;
  revoked_at: Date | null;
  document: Record<string, unknown>;
  jwt: string;
}

/** Crockford base32, 10 characters; lower case and the look-alikes I, L (1) and O (0) are accepted. */
export function normaliseCode(raw: string): string | null {
  const code = raw.trim().toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{10}$/.test(code) ? code : null;
}

/**
 * What anyone may check with a verification code. Every miss (malformed, unknown, erased) throws
 * the same CREDENTIAL_NOT_FOUND, and answers carry only the contract's fields.
 */
@Injectable()
export class CredentialVerificationService {
  /**
   * Documents whose proof held, by credential id and hash of the stored document: checking a proof
   * (RDF canonicalisation) costs ~80 ms, reading and hashing the row well under one. An edited
   * document has another hash and is checked again; keys are never removed, so a proof that held
   * keeps holding.
   */
  private readonly verified = new Set<string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: CredentialKeysService,
  ) {}

  async verification(rawCode: string): Promise<CredentialVerificationDto> {
    const row = await this.find(rawCode);
    const signed = await this.signatureHolds(row);
    const serials: { serial: string; template_version: number; current: boolean }[] = await this.db.query(
      `SELECT serial, template_version, superseded_at IS NULL AS current FROM credential_pdf WHERE credential_id = $1 ORDER BY template_version, serial`,
      [row.id],
    );
    // Shown from the signed document rather than the row's copies, so what is shown is what was signed.
    const issuer = row.document['issuer'] as { name?: unknown } | undefined;
    const achievement = (row.document['credentialSubject'] as { achievement?: { name?: unknown } } | undefined)?.achievement;
    const validFrom = row.document['validFrom'];
    return {
      // A revoked credential stays revoked even if its row was also altered; an altered one is never valid.
      status: row.revoked_at ? 'revoked' : signed ? 'valid' : 'invalid',
      revokedAt: row.revoked_at?.toISOString() ?? null,
      achievementName: typeof achievement?.name === 'string' ? achievement.name : row.achievement_name,
      issuerName: typeof issuer?.name === 'string' ? issuer.name : '',
      issuedAt: typeof validFrom === 'string' ? new Date(validFrom).toISOString() : row.issued_at.toISOString(),
      learnerName: row.learner_name,
      serials: serials.map((s): CredentialSerialDto => ({ serial: s.serial, templateVersion: s.template_version, current: s.current })),
    };
  }

  async document(rawCode: string): Promise<Record<string, unknown>> {
    return (await this.find(rawCode)).document;
  }

  async jwt(rawCode: string): Promise<string> {
    return (await this.find(rawCode)).jwt;
  }

  async didDocument(): Promise<Record<string, unknown>> {
    const keys = await this.keys.all();
    return buildDidDocument(this.config.http.publicUrl, keys.map((k) => ({ kid: k.kid, publicKeyMultibase: k.public_key_multibase, publicJwk: k.public_jwk }))) as unknown as Record<string, unknown>;
  }

  async jwks(): Promise<JwksDto> {
    const keys = await this.keys.all();
    return buildJwks(keys.map((k) => ({ kid: k.kid, publicKeyMultibase: k.public_key_multibase, publicJwk: k.public_jwk }))) as unknown as JwksDto;
  }

  private async find(rawCode: string): Promise<PublicCredentialRow> {
    const code = normaliseCode(rawCode);
    const [row]: PublicCredentialRow[] = code
      ? await this.db.query(
          `SELECT id, learner_name, achievement_name, issued_at, revoked_at, document, jwt FROM credential WHERE verification_code = $1`,
          [code],
        )
      : [];
    if (!row) throw new CredentialsException('CREDENTIAL_NOT_FOUND');
    return row;
  }

  /**
   * The stored document must carry a valid proof by one of our keys (retired ones included), and be
   * the credential of this row: a document edited after issue is not valid.
   */
  private async signatureHolds(row: PublicCredentialRow): Promise<boolean> {
    const doc = row.document;
    // Another credential's document copied into this row would carry a valid proof: the id must match.
    if (doc['id'] !== `urn:uuid:${row.id}`) return false;
    const fingerprint = `${row.id}:${createHash('sha256').update(JSON.stringify(doc)).digest('base64url')}`;
    if (this.verified.has(fingerprint)) return true;
    const keys = await this.keys.all();
    const byMethod = new Map(keys.map((k) => [this.keys.verificationMethod(k.kid), k]));
    try {
      const result = await verifyDataIntegrity(doc, (verificationMethod: string) => {
        const key = byMethod.get(verificationMethod);
        return key ? { publicKeyMultibase: key.public_key_multibase } : null;
      });
      if (result.verified) {
        if (this.verified.size >= 10_000) this.verified.clear();
        this.verified.add(fingerprint);
      }
      return result.verified;
    } catch {
      return false;
    }
  }
}
