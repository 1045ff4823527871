import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import type { LocalizedText } from '@baanrian/contracts';
import { buildOpenBadgeCredential, identityHash, issuerDid, signDataIntegrity, signVcJwt } from '@baanrian/credentials';
import { type CredentialKind, writeOutboxEvent } from '@baanrian/db';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { IssuerKeysService, type SigningKey } from './issuer-keys.service';

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

/** The active key, the issuer profile and a status bit, read in one round trip (see `prepare`). */
interface Prepared {
  key: SigningKey;
  issuer: { id: string; name: string; url: string; email?: string };
  statusIndex: number;
}

/**
 * Signs and stores a credential exactly once per (kind, source, learner). The row, its signature
 * and the `credential.issued` outbox event commit together: a worker killed before COMMIT leaves
 * nothing, and the retry (or the nightly reconciliation) issues it; a duplicate event finds the
 * row, or waits on the unique index for the first transaction and then does nothing.
 *
 * Per credential this is two statements and one short transaction: the bench showed round trips
 * to PostgreSQL, not signing, as the largest cost the queue adds to the signer and renderer.
 */
@Injectable()
export class CredentialIssuer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: IssuerKeysService,
  ) {}

  async issue(request: IssueRequest): Promise<{ credentialId: string } | null> {
    const prepared = await this.prepare(request);
    if (!prepared) return null;
    const { key, issuer, statusIndex } = prepared;
    const id = randomUUID();
    const issuedAt = new Date();
    // The salt is the credential id: public (a verifier needs it) and different for every credential.
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
      status: { listUrl: `${this.config.http.publicUrl}/api/v1/credentials/status/1`, index: statusIndex },
    });
    // Signed before the transaction opens, so a connection is held only for the two inserts.
    const signingKey = { privateKeyPkcs8: key.privateKeyPkcs8, verificationMethod: key.verificationMethod };
    const document = await signDataIntegrity(unsigned, signingKey, issuedAt.toISOString());
    const jwt = await signVcJwt(unsigned, signingKey);
    return this.db.transaction(async (manager) => {
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO credential (id, kind, source_id, user_id, enrollment_id, verification_code, learner_name, achievement_name, hours,
                                 issued_at, issuer_key_id, status_index, document, jwt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT ON CONSTRAINT "UQ_credential_kind_source_user" DO NOTHING RETURNING id`,
        [id, request.kind, request.sourceId, request.userId, request.enrollmentId, verificationCode(), request.learnerName, request.achievementName,
          request.hours, issuedAt, key.id, statusIndex, document, jwt],
      );
      if (!inserted.length) return null;
      await writeOutboxEvent(manager, 'credential.issued', { credentialId: id }, request.requestId);
      return { credentialId: id };
    });
  }

  /**
   * One statement: is it issued already (then nothing more), the active key, the issuer profile,
   * and a status-list bit (taken only when it is not issued yet, since the bit is part of the signed
   * document; a lost race wastes one bit). No active key yet (first start): make one, read again.
   */
  private async prepare(request: IssueRequest): Promise<Prepared | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const [row]: {
        existing_id: string | null;
        id: string;
        kid: string;
        private_key_sealed: Buffer;
        name: LocalizedText | null;
        url: string | null;
        email: string | null;
        status_index: number | null;
      }[] = await this.db.query(
        `WITH existing AS (SELECT id FROM credential WHERE kind = $1 AND source_id = $2 AND user_id = $3)
         SELECT (SELECT id FROM existing) AS existing_id, k.id, k.kid, k.private_key_sealed, p.name, p.url, p.email,
                CASE WHEN NOT EXISTS (SELECT 1 FROM existing) THEN nextval('credential_status_index_seq')::int END AS status_index
           FROM issuer_key k LEFT JOIN issuer_profile p ON p.id = 1
          WHERE k.status = 'active'`,
        [request.kind, request.sourceId, request.userId],
      );
      if (row?.existing_id) return null;
      if (row && row.status_index !== null) {
        const did = issuerDid(this.config.http.publicUrl);
        const issuer = row.name && row.url
          ? { id: did, name: row.name.th, url: row.url, ...(row.email ? { email: row.email } : {}) }
          : { id: did, name: 'บ้านเรียน (Baanrian)', url: this.config.http.publicUrl };
        return { key: this.keys.open(row), issuer, statusIndex: row.status_index };
      }
      await this.keys.active();
    }
    throw new Error('no active issuer key after creating one');
  }
}
