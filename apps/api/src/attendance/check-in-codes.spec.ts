import type { AppConfig } from '@baanrian/config';
import { CheckInCodes, normalizeCheckInCode } from './check-in-codes';

const codes = new CheckInCodes({ security: { appSecret: 'a-test-secret-of-enough-length-123456' } } as AppConfig);
const LESSON = '6f1c3f0e-8a52-4d7e-9f57-2f7a1d0c9b11';
const OTHER = '0b8e2a55-0c0f-4a43-8a9f-3f1b6f2f9e20';
const OPENS = new Date('2026-11-26T02:00:00Z');
const NOW = new Date('2026-11-26T02:40:10Z');
const seconds = (s: number) => new Date(NOW.getTime() + s * 1000);

describe('rotating check-in codes', () => {
  it('is the same within a 30-second window, different in the next one and for another session', () => {
    const code = codes.codeAt(LESSON, NOW);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(codes.codeAt(LESSON, seconds(15))).toBe(code);
    expect(codes.codeAt(LESSON, seconds(30))).not.toBe(code);
    expect(codes.codeAt(OTHER, NOW)).not.toBe(code);
  });

  it('accepts the current and the previous window only; older codes of the session have expired', () => {
    expect(codes.verify(LESSON, codes.codeAt(LESSON, NOW), NOW, OPENS)).toBe('valid');
    expect(codes.verify(LESSON, codes.codeAt(LESSON, seconds(-30)), NOW, OPENS)).toBe('valid');
    expect(codes.verify(LESSON, codes.codeAt(LESSON, seconds(-60)), NOW, OPENS)).toBe('expired');
    expect(codes.verify(LESSON, codes.codeAt(LESSON, seconds(-1800)), NOW, OPENS)).toBe('expired');
    // A code from before check-in opened (yesterday's screenshot) or of another session is no code at all.
    expect(codes.verify(LESSON, codes.codeAt(LESSON, seconds(-86_400)), NOW, OPENS)).toBe('invalid');
    expect(codes.verify(LESSON, codes.codeAt(OTHER, NOW), NOW, OPENS)).toBe('invalid');
  });

  it('reads what people type: any case, spaces, dashes and look-alike letters', () => {
    expect(normalizeCheckInCode(' ab1c-d2ef ')).toBe('AB1CD2EF');
    expect(normalizeCheckInCode('O0Il5678')).toBe('00115678');
    expect(normalizeCheckInCode('short')).toBeNull();
    expect(normalizeCheckInCode('UUUUUUUU')).toBeNull();
  });
});
