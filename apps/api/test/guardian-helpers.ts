import { CONSENT_POLICY_VERSION } from '@baanrian/contracts';
import { decodeJwt } from 'jose';
import { bearer, type Http } from './accounts-helpers';

export const CHILD_CONSENT = { policyVersion: CONSENT_POLICY_VERSION, purposes: ['learning', 'participation_reports'] };

export interface ChildRef {
  id: string;
  displayName: string;
}

/** A child profile of the guardian holding `token`, with the consent the API requires. */
export async function createChild(http: Http, token: string, overrides: Record<string, unknown> = {}): Promise<ChildRef> {
  const res = await http()
    .post('/api/v1/me/children')
    .set(bearer(token))
    .send({ displayName: 'น้องมะลิ', birthYear: new Date().getFullYear() - 4, consent: CHILD_CONSENT, ...overrides })
    .expect(201);
  return res.body;
}

/** The guardian acting as the child: the access token of that session. */
export async function switchToChild(http: Http, token: string, childId: string): Promise<string> {
  const res = await http().post(`/api/v1/me/children/${childId}/switch`).set(bearer(token)).expect(200);
  return res.body.accessToken;
}

export const claimsOf = (token: string) => decodeJwt(token) as { sub: string; act?: { sub: string }; sid?: string; roles: string[] };
