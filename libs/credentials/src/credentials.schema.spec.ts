import { signDataIntegrity } from './credentials.data-integrity';
import { generateIssuerKey } from './credentials.keys';
import { validateOpenBadge } from './credentials.schema';
import { badge, CREATED, signingKey } from './testing/fixtures';

describe('OB 3.0 AchievementCredential schema', () => {
  it('accepts the credentials we build, unsigned and signed', async () => {
    const key = generateIssuerKey();
    expect(validateOpenBadge(badge())).toEqual({ valid: true, errors: [] });
    expect(validateOpenBadge(await signDataIntegrity(badge(), signingKey(key), CREATED))).toEqual({ valid: true, errors: [] });
    expect(badge().credentialSubject).toMatchObject({ achievement: { creditsAvailable: 6, achievementType: 'Course' } });
  });

  it('names what is wrong in a credential that is not an Open Badge', () => {
    const noName = badge();
    delete (noName.credentialSubject.achievement as Record<string, unknown>).name;
    expect(validateOpenBadge(noName).errors).toContain("/credentialSubject/achievement must have required property 'name'");

    const wrongType = { ...badge(), type: ['VerifiableCredential'] };
    expect(validateOpenBadge(wrongType).valid).toBe(false);

    const badDate = { ...badge(), validFrom: '23/11/2026' };
    expect(validateOpenBadge(badDate).errors).toContain('/validFrom must match format "date-time"');

    const noOpenBadgeContext = { ...badge(), '@context': ['https://www.w3.org/ns/credentials/v2'] };
    expect(validateOpenBadge(noOpenBadgeContext).valid).toBe(false);

    const anonymous = badge();
    delete (anonymous.credentialSubject as Record<string, unknown>).identifier;
    expect(validateOpenBadge(anonymous).valid).toBe(false);
  });
});
