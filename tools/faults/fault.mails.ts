import type pg from 'pg';
import type { Check } from './fault.invariants';
import type { WorkloadData, WorkloadStack } from './fault.workload';

/** The certificate mail's fixed Message-ID (apps/worker/src/credentials/credential.mail.ts): `<credential.<id>@domain>`. */
const CREDENTIAL_MESSAGE_ID = /<credential\.([0-9a-f-]{36})@/i;

/**
 * I4: at most one mail per credential reached the SMTP server. A mail belongs to a credential by
 * its Message-ID, or else by its recipient (each learner has one credential for the course), so a
 * second copy is counted even if it lost the fixed Message-ID. Mails to the workload's learners
 * that belong to no credential of the course are reported too (a certificate mail for a
 * credential that does not exist), as is a credential mailed to someone other than its learner.
 * Unmailed credentials are only reported: I4 is "at most one".
 */
export async function checkMails(stack: WorkloadStack, data: WorkloadData, db: pg.Pool): Promise<Check> {
  const { rows } = await db.query<{ id: string; email: string | null }>(
    `SELECT c.id, lower(u.email::text) AS email FROM credential c JOIN app_user u ON u.id = c.user_id WHERE c.kind = 'course' AND c.source_id = $1`,
    [data.courseId],
  );
  const emailOf = new Map(rows.map((r) => [r.id, r.email]));
  const credentialOf = new Map(rows.filter((r) => r.email).map((r) => [r.email as string, r.id]));
  const learners = new Set(data.learners.map((l) => l.email.toLowerCase()));
  const counts = new Map<string, number>();
  const strays: string[] = [];
  const misaddressed: string[] = [];
  for (const mail of [...stack.smtp.mails]) {
    const to = mail.envelopeTo.map((a) => a.toLowerCase());
    const byHeader = CREDENTIAL_MESSAGE_ID.exec(mail.headers['message-id'] ?? '')?.[1];
    if (!(byHeader && emailOf.has(byHeader)) && !to.some((a) => learners.has(a))) continue; // not this workload's
    const credentialId = byHeader ?? to.map((a) => credentialOf.get(a)).find(Boolean);
    if (!credentialId || !emailOf.has(credentialId)) {
      strays.push(`${to.join(',')}: ${mail.subject}`);
      continue;
    }
    if (!to.includes(emailOf.get(credentialId) ?? '')) misaddressed.push(credentialId);
    counts.set(credentialId, (counts.get(credentialId) ?? 0) + 1);
  }
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  const sample = (list: string[]) => (list.length ? ` (e.g. ${list.slice(0, 3).join('; ')})` : '');
  return {
    ok: duplicates.length === 0 && strays.length === 0 && misaddressed.length === 0,
    detail: `${rows.length} credentials, ${counts.size} mailed, ${rows.length - counts.size} not (yet) mailed: ${duplicates.length} mailed more than once${sample(duplicates)}, ` +
      `${strays.length} mails for no credential${sample(strays)}, ${misaddressed.length} sent to someone else${sample(misaddressed)}`,
  };
}
