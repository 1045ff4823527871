/**
 * The dependency gate: `npm audit --omit=dev` over what the Docker images install (production
 * dependencies only), failing on any high or critical finding. An audit that could not be made
 * (the registry's audit service unreachable, unreadable output) fails too: a gate that passes
 * when it did not look would hide exactly what it is for.
 *
 *   npm run audit:prod        exit 0: no high or critical finding; 1: findings; 2: no audit made
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const FAILING_SEVERITIES = ['high', 'critical'] as const;

export interface AuditFinding {
  name: string;
  severity: string;
  /** Affected versions of the package. */
  range: string;
  /** Advisories (title and URL), or the vulnerable packages it pulls in. */
  via: string[];
  direct: boolean;
  fix: string;
}

export type AuditVerdict =
  | { status: 'pass' | 'fail'; findings: AuditFinding[]; counts: Record<string, number> }
  | { status: 'unavailable'; reason: string };

interface NpmVia {
  title?: string;
  url?: string;
  name?: string;
}
interface NpmVulnerability {
  name: string;
  severity: string;
  range?: string;
  isDirect?: boolean;
  via?: (string | NpmVia)[];
  fixAvailable?: boolean | { name: string; version: string; isSemVerMajor?: boolean };
}
interface NpmAuditReport {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, NpmVulnerability>;
  metadata?: { vulnerabilities?: Record<string, number> };
  message?: string;
  error?: { summary?: string; detail?: string };
}

function describeFix(fix: NpmVulnerability['fixAvailable']): string {
  if (fix === true) return 'npm audit fix';
  if (!fix) return 'no fix available';
  return `${fix.name}@${fix.version}${fix.isSemVerMajor ? ' (major)' : ''}`;
}

/** Reads `npm audit --json` output (report format 2) into a verdict. */
export function auditVerdict(stdout: string): AuditVerdict {
  let report: NpmAuditReport;
  try {
    report = JSON.parse(stdout) as NpmAuditReport;
  } catch {
    return { status: 'unavailable', reason: `npm audit printed no JSON report: ${stdout.trim().slice(0, 200) || '(nothing)'}` };
  }
  if (report.auditReportVersion !== 2 || !report.vulnerabilities || !report.metadata?.vulnerabilities) {
    const reason = report.message || report.error?.summary || report.error?.detail || 'not an audit report';
    return { status: 'unavailable', reason: `npm audit could not audit: ${reason}` };
  }
  const findings = Object.values(report.vulnerabilities)
    .filter((v) => (FAILING_SEVERITIES as readonly string[]).includes(v.severity))
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      range: v.range ?? '',
      via: (v.via ?? []).map((via) => (typeof via === 'string' ? `via ${via}` : `${via.title ?? via.name ?? '?'} ${via.url ?? ''}`.trim())),
      direct: v.isDirect ?? false,
      fix: describeFix(v.fixAvailable),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { status: findings.length ? 'fail' : 'pass', findings, counts: report.metadata.vulnerabilities };
}

export function formatVerdict(verdict: AuditVerdict): string {
  if (verdict.status === 'unavailable') return `npm audit --omit=dev: NO AUDIT MADE (${verdict.reason})`;
  const counts = ['critical', 'high', 'moderate', 'low', 'info'].map((s) => `${verdict.counts[s] ?? 0} ${s}`).join(', ');
  const lines = [`npm audit --omit=dev: ${counts}`];
  for (const f of verdict.findings) {
    lines.push(`  ${f.severity.toUpperCase()} ${f.name} ${f.range}${f.direct ? ' (direct dependency)' : ''}; fix: ${f.fix}`);
    for (const via of f.via) lines.push(`      ${via}`);
  }
  lines.push(verdict.status === 'pass' ? 'no high or critical finding' : `${verdict.findings.length} package(s) with high or critical findings`);
  return lines.join('\n');
}

function main(): void {
  const root = path.resolve(__dirname, '../..');
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const verdict = auditVerdict(run.stdout ?? '');
  console.log(formatVerdict(verdict));
  process.exit(verdict.status === 'pass' ? 0 : verdict.status === 'fail' ? 1 : 2);
}

/** Run as a script (`npm run audit:prod`), not when a test imports it. */
function isMain(): boolean {
  const entry = process.argv[1];
  return !!entry && typeof __filename === 'string' && path.resolve(entry).replace(/\.[cm]?[jt]s$/, '') === __filename.replace(/\.[cm]?[jt]s$/, '');
}

if (isMain()) main();
