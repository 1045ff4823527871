import { auditVerdict, formatVerdict } from '../scripts/audit-prod';

/**
 * The dependency gate's verdict (`npm run audit:prod`, tools/scripts/audit-prod.ts) on the reports
 * `npm audit --omit=dev --json` prints: it fails on high and critical findings, names each with
 * its advisory and fix, lets lower severities through, and never passes when no audit was made.
 * The reports below have npm 11's format (auditReportVersion 2).
 */
const advisory = (name: string, severity: string, title: string, ghsa: string, range: string) => ({
  source: 1,
  name,
  dependency: name,
  title,
  url: `https://github.com/advisories/${ghsa}`,
  severity,
  cwe: ['CWE-400'],
  cvss: { score: 7.5, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
  range,
});

function report(vulnerabilities: Record<string, unknown>, counts: Partial<Record<string, number>>) {
  const all = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts };
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { ...all, total: Object.values(all).reduce((a, b) => a + b, 0) }, dependencies: { prod: 400, dev: 0, optional: 3, peer: 0, peerOptional: 0, total: 400 } },
  });
}

const MODERATE = {
  cookie: {
    name: 'cookie',
    severity: 'moderate',
    isDirect: false,
    via: [advisory('cookie', 'moderate', 'cookie accepts cookie name, path, and domain with out of bounds characters', 'GHSA-pxg6-pf52-xh8x', '<0.7.0')],
    effects: ['cookie-parser'],
    range: '<0.7.0',
    nodes: ['node_modules/cookie'],
    fixAvailable: true,
  },
};

const HIGH_AND_CRITICAL = {
  ...MODERATE,
  'path-to-regexp': {
    name: 'path-to-regexp',
    severity: 'high',
    isDirect: false,
    via: [advisory('path-to-regexp', 'high', 'path-to-regexp outputs backtracking regular expressions', 'GHSA-9wv6-86v2-598j', '<0.1.10')],
    effects: ['express'],
    range: '<0.1.10',
    nodes: ['node_modules/path-to-regexp'],
    fixAvailable: { name: 'express', version: '4.21.2', isSemVerMajor: false },
  },
  express: {
    name: 'express',
    severity: 'high',
    isDirect: true,
    via: ['path-to-regexp'],
    effects: [],
    range: '4.0.0-rc1 - 4.21.1',
    nodes: ['node_modules/express'],
    fixAvailable: { name: 'express', version: '5.1.0', isSemVerMajor: true },
  },
  'form-data': {
    name: 'form-data',
    severity: 'critical',
    isDirect: false,
    via: [advisory('form-data', 'critical', 'form-data uses unsafe random function for choosing boundary', 'GHSA-fjxv-7rqg-78g4', '>=4.0.0 <4.0.4')],
    effects: [],
    range: '>=4.0.0 <4.0.4',
    nodes: ['node_modules/form-data'],
    fixAvailable: false,
  },
};

it('passes a clean report', () => {
  const verdict = auditVerdict(report({}, {}));
  expect(verdict).toEqual({ status: 'pass', findings: [], counts: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } });
  expect(formatVerdict(verdict)).toContain('no high or critical finding');
});

it('lets moderate and lower findings through, and still counts them', () => {
  const verdict = auditVerdict(report(MODERATE, { moderate: 1 }));
  expect(verdict.status).toBe('pass');
  expect(formatVerdict(verdict)).toContain('0 critical, 0 high, 1 moderate, 0 low, 0 info');
});

it('fails on high and critical findings, naming each package, advisory and fix', () => {
  const verdict = auditVerdict(report(HIGH_AND_CRITICAL, { moderate: 1, high: 2, critical: 1 }));
  expect(verdict.status).toBe('fail');
  if (verdict.status === 'unavailable') throw new Error('unreachable');
  expect(verdict.findings.map((f) => `${f.severity} ${f.name}`)).toEqual(['high express', 'critical form-data', 'high path-to-regexp']);
  const text = formatVerdict(verdict);
  expect(text).toContain('CRITICAL form-data >=4.0.0 <4.0.4; fix: no fix available');
  expect(text).toContain('form-data uses unsafe random function for choosing boundary https://github.com/advisories/GHSA-fjxv-7rqg-78g4');
  expect(text).toContain('HIGH express 4.0.0-rc1 - 4.21.1 (direct dependency); fix: express@5.1.0 (major)');
  expect(text).toContain('via path-to-regexp');
  expect(text).toContain('3 package(s) with high or critical findings');
  expect(text).not.toContain('cookie');
});

it('never passes when no audit was made: an error from the registry, or no report at all', () => {
  // What npm prints when the registry's audit service refuses the request (seen on a mirror).
  const refused = JSON.stringify({
    message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    method: 'POST',
    statusCode: 405,
    body: '',
    error: { summary: '', detail: '' },
  });
  expect(auditVerdict(refused)).toEqual({ status: 'unavailable', reason: expect.stringContaining('405 Method Not Allowed') });
  expect(formatVerdict(auditVerdict(refused))).toMatch(/^npm audit --omit=dev: NO AUDIT MADE/);
  const offline = JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed', detail: '' } });
  expect(auditVerdict(offline)).toEqual({ status: 'unavailable', reason: 'npm audit could not audit: request to https://registry.npmjs.org failed' });
  expect(auditVerdict('').status).toBe('unavailable');
  expect(auditVerdict('npm error code ENOLOCK').status).toBe('unavailable');
});
