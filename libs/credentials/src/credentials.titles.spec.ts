import * as jsonld from 'jsonld';
import { buildAchievementDocument, buildOpenBadgeCredential } from './credentials.badge';
import { documentLoader } from './credentials.contexts';
import { issuerDid } from './credentials.did';
import { validateOpenBadge } from './credentials.schema';
import { titleAchievementText, titleAchievementUrl } from './credentials.titles';
import { badgeInput, PUBLIC_URL } from './testing/fixtures';

const RULE = { fiscalYear: 2570, name: { th: 'พลเมืองแห่งการเรียนรู้', en: 'Learning citizen' }, minCompletedCourses: 1, minHours: 10.5 };
const RULE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('title achievements', () => {
  it('states the rule\'s criteria and fiscal year (1 October to 30 September) in each language', () => {
    expect(titleAchievementText(RULE, 'th')).toEqual({
      name: 'พลเมืองแห่งการเรียนรู้',
      description: 'พลเมืองแห่งการเรียนรู้ ประจำปีงบประมาณ พ.ศ. 2570',
      criteriaNarrative: 'เรียนจบอย่างน้อย 1 รายวิชา และมีชั่วโมงการเรียนรู้รวมอย่างน้อย 10.5 ชั่วโมง ในปีงบประมาณ พ.ศ. 2570 (1 ตุลาคม 2569 ถึง 30 กันยายน 2570)',
    });
    expect(titleAchievementText(RULE, 'en').criteriaNarrative).toBe(
      'Completed at least 1 course and at least 10.5 learning hours in Thai fiscal year 2570 B.E. (1 October 2026 to 30 September 2027)',
    );
    // No Vietnamese name: the Thai one; Vietnamese decimal comma.
    expect(titleAchievementText(RULE, 'vi')).toMatchObject({ name: 'พลเมืองแห่งการเรียนรู้', description: 'พลเมืองแห่งการเรียนรู้, năm tài chính 2570 P.L.' });
    expect(titleAchievementText(RULE, 'vi').criteriaNarrative).toContain('10,5 giờ học');
  });

  it('builds a standalone Achievement whose every term the bundled contexts define, matching the one inside credentials', async () => {
    const text = titleAchievementText(RULE, 'th');
    const id = titleAchievementUrl(PUBLIC_URL, RULE_ID);
    const achievement = { id, ...text, imageUrl: `${PUBLIC_URL}/badge.png`, type: 'Achievement' as const };
    const document = buildAchievementDocument({ ...achievement, creator: { id: issuerDid(PUBLIC_URL), name: 'บ้านเรียน', url: PUBLIC_URL }, inLanguage: 'th' });
    expect(document).toMatchObject({
      id: `${PUBLIC_URL}/api/v1/credentials/titles/${RULE_ID}`,
      type: ['Achievement'],
      achievementType: 'Achievement',
      criteria: { narrative: text.criteriaNarrative },
      creator: { type: ['Profile'], id: 'did:web:lms.example.ac.th%3A8443' },
    });
    // `safe` expansion throws on any term no context defines (what signing would refuse).
    const expand = (doc: unknown) => jsonld.expand(doc, { documentLoader, safe: true });
    expect(JSON.stringify(await expand(document))).toContain('https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement');
    await expect(expand({ ...document, learningHours: 3 })).rejects.toThrow();

    // The credential a learner gets carries the same achievement (plus their learning hours).
    const credential = buildOpenBadgeCredential(badgeInput({ achievement: { ...achievement, hours: 12 } }));
    const { '@context': _context, creator: _creator, inLanguage: _language, ...own } = document;
    expect(credential.credentialSubject['achievement']).toEqual({ ...own, creditsAvailable: 12 });
    expect(validateOpenBadge(credential)).toEqual({ valid: true, errors: [] });
  });
});
