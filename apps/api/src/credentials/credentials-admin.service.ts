import { CREDENTIAL_ADMIN_PAGE_SIZE } from '@baanrian/contracts';
import { type ReconcileSummary, writeOutboxEvent } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { currentRequestId } from '../observability/request-context';
import { writeAudit } from '../accounts/user-accounts';
import type { AdminCredentialDto, CredentialListDto, ListCredentialsQueryDto, ReconciliationDto, RevokeCredentialDto } from './credentials-admin.dto';
import type { CredentialKind } from './credentials.dto';
import { CredentialsException } from './credentials.exception';

interface AdminRow {
  id: string;
  kind: CredentialKind;
  user_id: string | null;
  verification_code: string;
  learner_name: string;
  achievement_name: string;
  hours: string;
  issued_at: Date;
  serial: string | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
  total: number;
}

/** Administrators' view of issued credentials: search, and revocation. */
@Injectable()
export class CredentialsAdminService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: ListCredentialsQueryDto, onlyId?: string): Promise<CredentialListDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (onlyId) {
      params.push(onlyId);
      where.push(`c.id = $${params.length}`);
    }
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const p = `$${params.length}`;
      where.push(`(c.learner_name ILIKE ${p} OR c.achievement_name ILIKE ${p} OR c.verification_code ILIKE ${p}
        OR EXISTS (SELECT 1 FROM credential_pdf s WHERE s.credential_id = c.id AND s.serial ILIKE ${p}))`);
    }
    if (query.status === 'revoked') where.push('c.revoked_at IS NOT NULL');
    if (query.status === 'active') where.push('c.revoked_at IS NULL');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = query.offset ?? 0;
    const rows: AdminRow[] = await this.db.query(
      `SELECT c.id, c.kind, c.user_id, c.verification_code, c.learner_name, c.achievement_name, c.hours, c.issued_at,
              c.revoked_at, c.revocation_reason, pdf.serial, count(*) OVER ()::int AS total
       FROM credential c
       LEFT JOIN LATERAL (SELECT serial FROM credential_pdf p WHERE p.credential_id = c.id AND p.superseded_at IS NULL
                          ORDER BY p.template_version DESC LIMIT 1) pdf ON true
       ${filter}
       ORDER BY c.issued_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit ?? CREDENTIAL_ADMIN_PAGE_SIZE, offset],
    );
    if (rows.length > 0 || offset === 0) return { items: rows.map(toDto), total: rows[0]?.total ?? 0 };
    // A page past the end (e.g. after revocations elsewhere) still says how many there are.
    const [{ total }]: { total: number }[] = await this.db.query(`SELECT count(*)::int AS total FROM credential c ${filter}`, params);
    return { items: [], total };
  }

  /** Revoked for good: the status list shows the bit from now on, and the worker hears of it. */
  async revoke(user: AuthUser, id: string, dto: RevokeCredentialDto): Promise<AdminCredentialDto> {
    await this.db.transaction(async (manager) => {
      const [row]: { revoked_at: Date | null; verification_code: string }[] = await manager.query(
        `SELECT revoked_at, verification_code FROM credential WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new CredentialsException('CREDENTIAL_NOT_FOUND');
      if (row.revoked_at) throw new CredentialsException('CREDENTIAL_ALREADY_REVOKED');
      await manager.query(`UPDATE credential SET revoked_at = now(), revocation_reason = $2, revoked_by_id = $3 WHERE id = $1`, [id, dto.reason, user.id]);
      await writeOutboxEvent(manager, 'credential.revoked', { credentialId: id }, currentRequestId());
      // Who revoked what and why, committed with the revocation itself.
      await writeAudit(manager, { actorId: user.id, action: 'credential.revoke', targetId: id, details: { code: row.verification_code, reason: dto.reason } });
    });
    const [found] = (await this.list({ q: undefined, limit: 1, offset: 0 }, id)).items;
    return found;
  }

  /** The latest nightly reconciliation's report (the worker's `credential_reconcile_run`). */
  async lastReconciliation(): Promise<ReconciliationDto> {
    const [run]: { started_at: Date; finished_at: Date; summary: ReconcileSummary }[] = await this.db.query(
      `SELECT started_at, finished_at, summary FROM credential_reconcile_run ORDER BY finished_at DESC, id LIMIT 1`,
    );
    if (!run) return { lastRun: null };
    const { issued, rendered, mailed, enrollmentIds } = run.summary;
    return { lastRun: { startedAt: run.started_at.toISOString(), finishedAt: run.finished_at.toISOString(), issued, rendered, mailed, enrollmentIds } };
  }
}

function toDto(row: AdminRow): AdminCredentialDto {
  return {
    id: row.id,
    code: row.verification_code,
    kind: row.kind,
    userId: row.user_id,
    learnerName: row.learner_name,
    achievementName: row.achievement_name,
    hours: Number(row.hours),
    issuedAt: row.issued_at.toISOString(),
    serial: row.serial,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revocationReason: row.revocation_reason,
  };
}
