import { buildOpenBadgeCredential, identityHash, type OpenBadgeInput } from '../credentials.badge';
import { issuerDid, verificationMethodId } from '../credentials.did';
import type { IssuerKeyMaterial } from '../credentials.keys';

export const PUBLIC_URL = 'https://lms.example.ac.th:8443';
export const CREATED = '2026-11-23T10:00:00Z';

export function badgeInput(overrides: Partial<OpenBadgeInput> = {}): OpenBadgeInput {
  return {
    id: '2b0d7f7e-3c2a-4d0e-9a51-0c6a8d2f7b11',
    issuer: { id: issuerDid(PUBLIC_URL), name: 'มหาวิทยาลัยบ้านเรียน', url: PUBLIC_URL, email: 'certs@lms.example.ac.th' },
    validFrom: '2026-11-23T09:30:00Z',
    name: 'ความปลอดภัยไซเบอร์เบื้องต้น',
    subjectIdentifierHash: identityHash('7d1f7b7c-1111-4b5e-9a51-0c6a8d2f7b11', 'server-salt'),
    achievement: {
      id: `${PUBLIC_URL}/courses/3f1c/achievement`,
      name: 'ความปลอดภัยไซเบอร์เบื้องต้น',
      description: 'Completed every lesson and passed the final quiz.',
      criteriaNarrative: 'Complete all lessons and score at least 80% in the final quiz.',
      imageUrl: `${PUBLIC_URL}/api/v1/media/badge.png`,
      hours: 6,
    },
    status: { listUrl: `${PUBLIC_URL}/api/v1/credentials/status/1`, index: 42 },
    ...overrides,
  };
}

export function badge(overrides: Partial<OpenBadgeInput> = {}) {
  return buildOpenBadgeCredential(badgeInput(overrides));
}

export function signingKey(key: IssuerKeyMaterial) {
  return { privateKeyPkcs8: key.privateKeyPkcs8, verificationMethod: verificationMethodId(issuerDid(PUBLIC_URL), key.kid) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
