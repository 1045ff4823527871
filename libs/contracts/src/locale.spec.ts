import { negotiateLocale, pickText } from './locale';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'th'],
    ['', 'th'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, vi;q=0.8, en;q=0.5', 'vi'],
    ['de, fr', 'th'],
    ['en;q=0.2, th;q=0.9', 'th'],
  ])('resolves %p to %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('pickText', () => {
  it('falls back to Thai when a translation is missing', () => {
    expect(pickText({ th: 'ผู้สูงอายุ', en: 'Elderly' }, 'en')).toBe('Elderly');
    expect(pickText({ th: 'ผู้สูงอายุ' }, 'vi')).toBe('ผู้สูงอายุ');
  });
});
