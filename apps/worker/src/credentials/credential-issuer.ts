import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { LocalizedText } from '@baanrian/contracts';
import { buildOpenBadgeCredential, identityHash, issuerDid, signDataIntegrity, signVcJwt } from '@baanrian/credentials';
import { type CredentialKind, writeOutboxEvent } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IssuerKeysService } from './issuer-keys.service';

/** What one credential is for; the caller has checked the learner earned it. */
export interface IssueRequest {
  kind: CredentialKind;
  sourceId: string;
  userId: string;
  enrollmentId: string | null;
  learnerName: string;
  achievementName: string;
  achievementDescription: string;
  /** What earning it takes; the description when omitted (a course's summary says it). */
  criteriaNarrative?: string;
  achievementUrl: string;
  hours: number;
  requestId: string | null;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 10 random Crockford base32 characters (50 bits): short enough to type from a printed certificate. */
export function verificationCode(): string {
  const bytes = randomBytes(10);
  return Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
}

/**
 * Signs and stores a credential exactly once per (kind, source, learner). The row, its signature
 * and the `credential.issued` outbox event commit together: a worker killed before COMMIT leaves
 * nothing, and the retry (or the nightly reconciliation) issues it; a duplicate event finds the
 * row, or waits on the unique index for the first transaction and then does nothing.
 */
@Injectable()
export class CredentialIssuer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: IssuerKeysService,
  ) {}

  async issue(request: IssueRequest): Promise<{ credentialId: string } | null> {
    const existing = await this.db.query(`SELECT id FROM credential WHERE kind = $1 AND source_id = $2 AND user_id = $3`, [
      request.kind,
      request.sourceId,
      request.userId,
    ]);
    if (existing.length) return null;
    const key = await this.keys.active();
    const issuer = await this.issuerProfile();
    return this.db.transaction(async (manager) => {
      const id = randomUUID();
      const issuedAt = new Date();
      // The salt is the credential id: public (a verifier needs it) and different for every credential.
      // The bit is taken before signing (it is part of the signed document); a lost race wastes one bit.
      const [{ index }] = await manager.query(`SELECT nextval('credential_status_index_seq')::int AS index`);
      const unsigned = buildOpenBadgeCredential({
        id,
        issuer,
        validFrom: issuedAt.toISOString(),
        name: request.achievementName,
        subjectIdentifierHash: identityHash(request.userId, id),
        achievement: {
          id: request.achievementUrl,
          name: request.achievementName,
          description: request.achievementDescription,
          criteriaNarrative: request.criteriaNarrative ?? request.achievementDescription,
          imageUrl: `${this.config.http.publicUrl}/badge.png`,
          hours: request.hours,
          type: request.kind === 'course' ? 'Course' : 'Achievement',
        },
        status: { listUrl: `${this.config.http.publicUrl}/api/v1/credentials/status/1`, index },
      });
      const signingKey = { privateKeyPkcs8: key.privateKeyPkcs8, verificationMethod: key.verificationMethod };
      const document = await signDataIntegrity(unsigned, signingKey, issuedAt.toISOString());
      const jwt = await signVcJwt(unsigned, signingKey);
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO credential (id, kind, source_id, user_id, enrollment_id, verification_code, learner_name, achievement_name, hours,
                                 issued_at, issuer_key_id, status_index, document, jwt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT ON CONSTRAINT "UQ_credential_kind_source_user" DO NOTHING RETURNING id`,
        [id, request.kind, request.sourceId, request.userId, request.enrollmentId, verificationCode(), request.learnerName, request.achievementName,
          request.hours, issuedAt, key.id, index, document, jwt],
      );
      if (!inserted.length) return null;
      await writeOutboxEvent(manager, 'credential.issued', { credentialId: id }, request.requestId);
      return { credentialId: id };
    });
  }

  private async issuerProfile(): Promise<{ id: string; name: string; url: string; email?: string }> {
    const [row]: { name: LocalizedText; url: string; email: string | null }[] = await this.db.query(`SELECT name, url, email FROM issuer_profile WHERE id = 1`);
    const did = issuerDid(this.config.http.publicUrl);
    if (!row) return { id: did, name: 'บ้านเรียน (Baanrian)', url: this.config.http.publicUrl };
    return { id: did, name: row.name.th, url: row.url, ...(row.email ? { email: row.email } : {}) };
  }
}
