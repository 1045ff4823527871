import { randomBytes, randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { buildOpenBadgeCredential, identityHash, signDataIntegrity, signVcJwt } from '@baanrian/credentials';
import type { DataSource } from 'typeorm';
import { CredentialKeysService } from '../src/credentials/credential-keys.service';
import { CredentialStatusListService } from '../src/credentials/credential-status-list.service';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomCode(): string {
  return [...randomBytes(10)].map((b) => CROCKFORD[b % 32]).join('');
}

export interface SeededCredential {
  id: string;
  code: string;
  statusIndex: number;
  document: Record<string, unknown>;
}

/**
 * A signed course credential written straight to the database with the libraries and the API's
 * own key, as the worker would write it: these tests are about reading, verifying and revoking.
 */
export async function seedCredential(
  app: NestExpressApplication,
  db: DataSource,
  input: { userId: string | null; learnerName?: string; achievementName?: string; hours?: number; issuedAt?: Date },
): Promise<SeededCredential> {
  const keys = app.get(CredentialKeysService);
  const statusList = app.get(CredentialStatusListService);
  const key = await keys.signingKey();
  const id = randomUUID();
  const code = randomCode();
  const issuedAt = input.issuedAt ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const achievementName = input.achievementName ?? 'การทำอาหารพื้นเมืองล้านนา';
  const [{ index }]: { index: number }[] = await db.query(`SELECT nextval('credential_status_index_seq')::int AS index`);
  const unsigned = buildOpenBadgeCredential({
    id,
    issuer: { id: keys.did, name: 'Baanrian', url: 'https://example.org' },
    validFrom: issuedAt.toISOString(),
    name: achievementName,
    subjectIdentifierHash: identityHash(input.userId ?? id, 'test-salt'),
    achievement: {
      id: `https://example.org/courses/${id}`,
      name: achievementName,
      description: 'ทดสอบ',
      criteriaNarrative: 'เรียนครบทุกบท',
      imageUrl: 'https://example.org/badge.png',
      hours: input.hours ?? 12,
    },
    status: { listUrl: statusList.url, index },
  });
  const signingKey = { privateKeyPkcs8: key.privateKeyPkcs8, verificationMethod: key.verificationMethod };
  const document = (await signDataIntegrity(unsigned, signingKey, issuedAt.toISOString())) as unknown as Record<string, unknown>;
  const jwt = await signVcJwt(unsigned, signingKey);
  await db.query(
    `INSERT INTO credential (id, kind, source_id, user_id, verification_code, learner_name, achievement_name, hours, issued_at, issuer_key_id, status_index, document, jwt)
     VALUES ($1, 'course', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [id, randomUUID(), input.userId, code, input.learnerName ?? 'สมศรี ใจดี', achievementName, input.hours ?? 12, issuedAt, key.id, index, JSON.stringify(document), jwt],
  );
  return { id, code, statusIndex: index, document };
}
