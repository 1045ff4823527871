import { normalizeAccountCode, resolveTargetGroup, targetGroupForBirthYear } from './account';

describe('targetGroupForBirthYear', () => {
  it.each([
    [2024, 'early_childhood'], // 1 this year
    [2020, 'early_childhood'], // 5
    [2019, 'youth'], // 6
    [2001, 'youth'], // 24
    [2000, 'general_public'], // 25
    [1966, 'general_public'], // 59
    [1965, 'elderly'], // 60
    [1930, 'elderly'],
  ])('born %i is %s in 2025', (birthYear, group) => {
    expect(targetGroupForBirthYear(birthYear, 2025)).toBe(group);
  });

  it('treats an unknown birth year as the general public', () => {
    expect(targetGroupForBirthYear(null, 2025)).toBe('general_public');
    expect(targetGroupForBirthYear(undefined, 2025)).toBe('general_public');
  });
});

describe('resolveTargetGroup', () => {
  it('derives from age when the learner chose nothing', () => {
    expect(resolveTargetGroup({ birthYear: 1950 }, 2025)).toEqual({ targetGroup: 'elderly', targetGroupSource: 'age', staffStatus: 'none' });
  });

  it("keeps the learner's choice, whatever the age", () => {
    expect(resolveTargetGroup({ birthYear: 1950, chosen: 'general_public' }, 2025)).toEqual({
      targetGroup: 'general_public',
      targetGroupSource: 'learner',
      staffStatus: 'none',
    });
  });

  it('asks an administrator to confirm education staff, and keeps a confirmation', () => {
    expect(resolveTargetGroup({ chosen: 'education_staff' }).staffStatus).toBe('pending');
    expect(resolveTargetGroup({ chosen: 'education_staff', currentStaffStatus: 'confirmed' }).staffStatus).toBe('confirmed');
    expect(resolveTargetGroup({ chosen: 'youth', currentStaffStatus: 'confirmed' }).staffStatus).toBe('none');
  });
});

describe('normalizeAccountCode', () => {
  it.each([
    ['BR-48217', 'BR-48217'],
    ['br-48217', 'BR-48217'],
    [' br 48217 ', 'BR-48217'],
    ['BR48217', 'BR-48217'],
  ])('reads %p as %s', (input, code) => {
    expect(normalizeAccountCode(input)).toBe(code);
  });

  it.each(['48217', 'BR-12', 'someone@example.org', 'XX-48217'])('rejects %p', (input) => {
    expect(normalizeAccountCode(input)).toBeNull();
  });
});
