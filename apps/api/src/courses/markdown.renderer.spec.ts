import { cleanMarkdown, markdownToPlainText, renderMarkdown } from './markdown.renderer';

describe('course Markdown', () => {
  it('renders the Markdown instructors write', () => {
    const html = renderMarkdown('## บทที่ 1\n\n**สำคัญ** และ [ลิงก์](https://example.org)\n\n- หนึ่ง\n- สอง');
    expect(html).toContain('<h2>บทที่ 1</h2>');
    expect(html).toContain('<strong>สำคัญ</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">ลิงก์</a>');
    expect(html).toContain('<li>สอง</li>');
  });

  it.each([
    ['<script>alert(1)</script>', /<script|alert\(1\)<\/script/],
    ['<img src=x onerror=alert(1)>', /onerror/],
    ['[click](javascript:alert(1))', /href="javascript:/],
    ['[click](JaVaScRiPt:alert(1))', /href="javascript:/i],
    ['![x](data:text/html;base64,PHNjcmlwdD4=)', /src="data:/],
    ['<scr<b>ipt>alert(1)</script>', /<script/],
    ['<a href="javascript:alert(1)">x</a>', /javascript:/],
    ['<svg/onload=alert(1)>', /<svg|onload/],
    ['<iframe src="https://evil.example"></iframe>', /<iframe/],
  ])('never lets %s through as markup', (input, forbidden) => {
    expect(renderMarkdown(input)).not.toMatch(forbidden);
    expect(cleanMarkdown(input)).not.toMatch(/<[a-z]/i);
  });

  it('keeps text that only looks like the start of a tag', () => {
    expect(cleanMarkdown('1 < 2 and x<3')).toBe('1 < 2 and x<3');
    expect(renderMarkdown('1 < 2')).toContain('1 &lt; 2');
  });

  it('stores NFC text without control or bidi-override characters', () => {
    expect(cleanMarkdown('cafe\u0301\u202e txt\u0007')).toBe('café txt');
  });

  it('gives plain text for meta descriptions', () => {
    expect(markdownToPlainText('# หัวข้อ\n\nข้อความ **ตัวหนา** & [ลิงก์](https://example.org)')).toBe('หัวข้อ ข้อความ ตัวหนา & ลิงก์');
  });
});
