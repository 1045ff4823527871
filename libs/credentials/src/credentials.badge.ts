import { createHash } from 'node:crypto';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './credentials.contexts';
import { buildStatusListEntry, type StatusListEntry } from './credentials.status-list';

export interface OpenBadgeInput {
  /** uuid; the credential id becomes `urn:uuid:<id>`. */
  id: string;
  issuer: { id: string; name: string; url: string; image?: string; email?: string };
  /** ISO 8601 date-time. */
  validFrom: string;
  name: string;
  /** Salted sha256 hex from identityHash(userId, salt) (a `sha256$` prefix is accepted too). */
  subjectIdentifierHash: string;
  achievement: {
    id: string;
    name: string;
    description: string;
    criteriaNarrative: string;
    imageUrl: string;
    hours: number;
    type?: 'Course' | 'Achievement';
  };
  status?: { listUrl: string; index: number };
}

export interface UnsignedCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: Record<string, unknown> & { id: string };
  validFrom: string;
  name?: string;
  credentialSubject: Record<string, unknown>;
  credentialStatus?: StatusListEntry;
  [key: string]: unknown;
}

/**
 * Salted sha256 of the learner's user id, hex. The salt stays on the server and out of the
 * credential: the hash is then a stable pseudonym that nobody can link back to a user id, while
 * we can still recompute it to answer "is this credential this learner's?".
 */
export function identityHash(userId: string, salt: string): string {
  return createHash('sha256').update(`${userId}${salt}`, 'utf8').digest('hex');
}

function image(url: string) {
  return { id: url, type: 'Image' };
}

/** An OB 3.0 OpenBadgeCredential (VCDM 2.0), unsigned. Key order is fixed so JSON output is stable. */
export function buildOpenBadgeCredential(input: OpenBadgeInput): UnsignedCredential {
  const { issuer, achievement } = input;
  const hash = input.subjectIdentifierHash.startsWith('sha256$')
    ? input.subjectIdentifierHash
    : `sha256$${input.subjectIdentifierHash}`;
  const credential: UnsignedCredential = {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${input.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {
      id: issuer.id,
      type: ['Profile'],
      name: issuer.name,
      url: issuer.url,
      ...(issuer.image ? { image: image(issuer.image) } : {}),
      ...(issuer.email ? { email: issuer.email } : {}),
    },
    validFrom: input.validFrom,
    name: input.name,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: hash, identityType: 'systemId', hashed: true }],
      achievement: {
        ...achievementObject(achievement),
        // OB 3.0 has no "hours" property: learning hours travel as creditsAvailable.
        creditsAvailable: achievement.hours,
      },
    },
  };
  if (input.status) credential.credentialStatus = buildStatusListEntry(input.status.listUrl, input.status.index);
  return credential;
}

/** The Achievement's own properties, in the order credentials carry them. */
function achievementObject(achievement: Omit<OpenBadgeInput['achievement'], 'hours'>): Record<string, unknown> {
  return {
    id: achievement.id,
    type: ['Achievement'],
    achievementType: achievement.type ?? 'Course',
    name: achievement.name,
    description: achievement.description,
    criteria: { narrative: achievement.criteriaNarrative },
    image: image(achievement.imageUrl),
  };
}

export interface AchievementDocumentInput extends Omit<OpenBadgeInput['achievement'], 'hours'> {
  /** The issuer, as in the credentials (`Profile`). */
  creator: { id: string; name: string; url: string };
  /** BCP 47 language of name, description and criteria. */
  inLanguage?: string;
}

/**
 * A standalone OB 3.0 `Achievement` (JSON-LD), for serving at the achievement's own id so that
 * the URL a credential names resolves to what was achieved. Unsigned: the credentials that
 * reference it carry their own signed copy.
 */
export function buildAchievementDocument(input: AchievementDocumentInput): Record<string, unknown> {
  const { creator, inLanguage, ...achievement } = input;
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    ...achievementObject(achievement),
    creator: { id: creator.id, type: ['Profile'], name: creator.name, url: creator.url },
    ...(inLanguage ? { inLanguage } : {}),
  };
}
