import { TARGET_GROUPS, COURSE_FORMATS } from '@baanrian/contracts';
import { resources } from './i18n';

/** Every key path in a nested translation object, with plural suffixes (_one, _other…) folded together. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(zero|one|two|few|many|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('translations', () => {
  const thai = [...new Set(keys(resources.th.translation))].sort();

  it.each(['en', 'vi'] as const)('%s has exactly the same keys as Thai', (locale) => {
    expect([...new Set(keys(resources[locale].translation))].sort()).toEqual(thai);
  });

  // The PWA module's strings (namespace `pwa`) are held to the same rule.
  it.each(['en', 'vi'] as const)('%s has exactly the same `pwa` keys as Thai', (locale) => {
    const pwaThai = [...new Set(keys(resources.th.pwa))].sort();
    expect([...new Set(keys(resources[locale].pwa))].sort()).toEqual(pwaThai);
  });

  it.each(['th', 'en', 'vi'] as const)('%s has no empty strings', (locale) => {
    const empty = (value: unknown, path: string): string[] =>
      typeof value === 'string'
        ? value.trim() ? [] : [path]
        : Object.entries(value as object).flatMap(([key, child]) => empty(child, `${path}.${key}`));
    expect(empty(resources[locale], locale)).toEqual([]);
  });

  it.each(['th', 'en', 'vi'] as const)('%s names every target group and course format', (locale) => {
    const translation = resources[locale].translation;
    for (const group of TARGET_GROUPS) expect(translation.targetGroup[group]).toBeTruthy();
    for (const format of COURSE_FORMATS) expect(translation.format[format]).toBeTruthy();
  });

  it('has the agreed target-group names', () => {
    expect(TARGET_GROUPS.map((group) => resources.th.translation.targetGroup[group])).toEqual([
      'ปฐมวัย (เรียนร่วมกับผู้ปกครอง)',
      'เยาวชน',
      'บุคคลทั่วไป',
      'บุคลากรทางการศึกษาและเจ้าหน้าที่',
      'ผู้สูงอายุ',
    ]);
    expect(TARGET_GROUPS.map((group) => resources.en.translation.targetGroup[group])).toEqual([
      'Early childhood (with a guardian)',
      'Youth',
      'General public',
      'Education personnel and staff',
      'Elderly',
    ]);
    expect(TARGET_GROUPS.map((group) => resources.vi.translation.targetGroup[group])).toEqual([
      'Mầm non (học cùng phụ huynh)',
      'Thanh thiếu niên',
      'Người dân',
      'Cán bộ giáo dục và nhân viên',
      'Người cao tuổi',
    ]);
  });
});
