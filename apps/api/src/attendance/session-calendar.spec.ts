import { buildCalendar, escapeText, foldLine, utcStamp } from './session-calendar';

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('iCalendar writing', () => {
  it('folds at 75 octets without splitting a Thai character, and unfolds to the same line', () => {
    const line = `SUMMARY:${'การใช้สมาร์ตโฟนอย่างปลอดภัย'.repeat(6)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const part of physical) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
  });

  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('writes UTC times and CRLF line ends throughout', () => {
    expect(utcStamp(new Date('2026-11-26T02:30:00.000Z'))).toBe('20261126T023000Z');
    const text = buildCalendar(
      [{ uid: 'l1@example.org', start: new Date('2026-11-26T02:30:00Z'), end: new Date('2026-11-26T03:30:00Z'), summary: 'A, B', location: 'Hall; 2' }],
      { now: new Date('2026-11-23T00:00:00Z'), name: 'Sessions', prodId: '-//Test//EN' },
    );
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Sessions',
      'BEGIN:VEVENT',
      'UID:l1@example.org',
      'DTSTAMP:20261123T000000Z',
      'DTSTART:20261126T023000Z',
      'DTEND:20261126T033000Z',
      'SUMMARY:A\\, B',
      'LOCATION:Hall\\; 2',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });
});
