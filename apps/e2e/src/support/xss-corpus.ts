/**
 * Stored-XSS payloads for every text field people can type (apps/e2e/src/xss.spec.ts). Each would
 * open an `alert` if the portal ever let it become markup or a link; with the Content-Security-
 * Policy in front, a hole would show as a violation or as a handler attribute in the page instead,
 * so the spec looks for all three. Thai text surrounds them, as real names and titles would.
 */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  '</textarea></title><script>alert(1)</script>',
  '<a href="javascript:alert(1)">คลิก</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<details open ontoggle=alert(1)>',
  'javascript:alert(1)',
  '${alert(1)}',
  "{{constructor.constructor('alert(1)')()}}",
  '[คลิก](javascript:alert(1))',
  "$& $' $`",
  '&lt;script&gt;alert(1)&lt;/script&gt;',
] as const;

/** For fields of at most 100 characters (display names, category names): a breakout, a handler, template syntax, `$'`. */
export const xssShort = (thai: string): string => `${thai} "><svg onload=alert(1)><img src=x onerror=alert(2)>\${alert(3)}$'`;

/** For titles and one-line texts (at most 300 characters). */
export const xssTitle = (thai: string): string =>
  `${thai} <script>alert(1)</script>"><svg onload=alert(2)><img src=x onerror=alert(3)> javascript:alert(4) \${alert(5)} {{constructor.constructor('alert(6)')()}} $& $' $\` &lt;b&gt; ${thai}`;

/** Every payload, one a line, for long texts (descriptions, notes, template bodies). */
export const xssLong = (thai: string): string => [thai, ...XSS_PAYLOADS, thai].join('\n');

/** Markdown bodies: the payloads plus links and images a Markdown renderer could turn into script. */
export const xssMarkdown = (thai: string): string =>
  [
    `## ${thai}`,
    ...XSS_PAYLOADS,
    '[ลิงก์ javascript](javascript:alert(1))',
    '[ลิงก์ JaVaScRiPt](JaVaScRiPt:alert(1))',
    '[ลิงก์ที่ซ่อน](java&#x09;script:alert(1))',
    '[ลิงก์ data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![รูป](javascript:alert(1))',
    '![รูป](x" onerror="alert(1))',
    '<a href="https://example.org" onclick="alert(1)">ลิงก์</a>',
    '| หัว | <img src=x onerror=alert(1)> |\n|:--|--:|\n| 1 | 2 |',
    '```\n<script>alert(1)</script>\n```',
    `${thai} **ตัวหนา** _เอียง_`,
  ].join('\n\n');

/** Address-bar input the portal reads back (search, filters, `next`). */
export const XSS_QUERY = '"><svg onload=alert(1)>${alert(2)}$\'';
