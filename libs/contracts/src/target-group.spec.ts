import { TARGET_GROUP_AGE_BANDS, targetGroupForBirthYear } from './target-group';

describe('targetGroupForBirthYear', () => {
  const today = new Date('2025-06-15T00:00:00Z');

  it.each([
    [2025, 'early_childhood'],
    [2020, 'early_childhood'], // 5 this year
    [2019, 'youth'], // 6
    [2001, 'youth'], // 24
    [2000, 'general_public'], // 25
    [1966, 'general_public'], // 59
    [1965, 'elderly'], // 60
    [1930, 'elderly'],
  ])('born %i → %s', (birthYear, group) => {
    expect(targetGroupForBirthYear(birthYear, today)).toBe(group);
  });

  it('never derives education staff (chosen by the learner, confirmed by an administrator)', () => {
    for (let year = 1900; year <= 2025; year++) expect(targetGroupForBirthYear(year, today)).not.toBe('education_staff');
  });

  it('uses the current year by default', () => {
    const year = new Date().getUTCFullYear();
    expect(targetGroupForBirthYear(year - TARGET_GROUP_AGE_BANDS.elderlyFrom)).toBe('elderly');
    expect(targetGroupForBirthYear(year)).toBe('early_childhood');
  });
});
