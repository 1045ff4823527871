import type { EnrollmentChannel, Locale } from '@baanrian/contracts';
import { EnrollmentImportEntity, type EnrollmentImportRejection, type EnrollmentImportRow } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { loadCourseFor, missingInStudio } from '../courses/course-access';
import { currentRequestId } from '../observability/request-context';
import type { EnrollmentImportDto, ImportAcceptedRowDto, ImportResultDto } from './enrollment.dto';
import { allowedChannels, loadEnrollableCourse } from './enrollment-course';
import { type ImportReason, importReasonMessage } from './enrollment-import.messages';
import { parseBulkFile } from './enrollment-import.parser';
import { lockSeatRow } from './enrollment-seats';
import { EnrollmentsException } from './enrollments.exception';

const KNOWN_COLUMNS = ['email', 'account_code', 'channel'];
const PREVIEW_ROWS = 20;
/** A preview is a decision about these rows now; after a day the accounts may have changed. */
const PREVIEW_TTL = '24 hours';

/**
 * Bulk enrolment: a file is checked line by line into a preview (nothing enrolled), and the
 * uploader confirms the accepted rows, which are enrolled in one set-based statement.
 */
@Injectable()
export class EnrollmentImportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async preview(ability: AppAbility, caller: AuthUser, courseId: string, fileName: string, bytes: Buffer, locale: Locale): Promise<EnrollmentImportDto> {
    await loadCourseFor(this.db.manager, ability, 'teach', courseId);
    const course = await loadEnrollableCourse(this.db.manager, courseId);
    if (course.status !== 'published') throw new EnrollmentsException('ENROLLMENT_CLOSED');
    const sheet = await parseBulkFile(bytes, fileName);
    const rejected: EnrollmentImportRejection[] = sheet.badEncodingLines.map((line) => ({ line, identifier: '', reason: 'INVALID_ENCODING' }));
    const reject = (line: number, identifier: string, reason: ImportReason) => rejected.push({ line, identifier, reason });
    const accepted: EnrollmentImportRow[] = [];

    const col = (name: string) => sheet.header.indexOf(name);
    const unknown = sheet.header.filter((h) => h !== '' && !KNOWN_COLUMNS.includes(h));
    if (unknown.length || (col('email') < 0 && col('account_code') < 0)) {
      reject(1, unknown.join(', '), 'UNKNOWN_COLUMNS');
    } else {
      const channels = allowedChannels(course.snapshot.format);
      const candidates: { line: number; identifier: string; email: string; code: string; channel: EnrollmentChannel }[] = [];
      for (const { line, cells } of sheet.rows) {
        const email = (cells[col('email')] ?? '').trim();
        const code = (cells[col('account_code')] ?? '').trim();
        const identifier = email || code;
        const rawChannel = (cells[col('channel')] ?? '').trim().toLowerCase();
        if (cells.slice(sheet.header.length).some((c) => c.trim() !== '')) reject(line, identifier, 'UNKNOWN_COLUMNS');
        else if (!identifier) reject(line, '', 'MISSING_IDENTIFIER');
        else if (rawChannel && !channels.includes(rawChannel as EnrollmentChannel)) reject(line, identifier, 'INVALID_CHANNEL');
        else candidates.push({ line, identifier, email: email.toLowerCase(), code: code.toUpperCase(), channel: (rawChannel || channels[0]) as EnrollmentChannel });
      }
      const users = await this.resolve(candidates.map((c) => c.email).filter(Boolean), candidates.map((c) => c.code).filter(Boolean));
      const seen = new Set<string>();
      for (const c of candidates) {
        const user = (c.email && users.byEmail.get(c.email)) || (c.code && users.byCode.get(c.code)) || null;
        if (!user) reject(c.line, c.identifier, 'UNKNOWN_ACCOUNT');
        else if (seen.has(user)) reject(c.line, c.identifier, 'DUPLICATE_ROW');
        else {
          seen.add(user);
          accepted.push({ line: c.line, userId: user, channel: c.channel });
        }
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    const saved = await this.db.transaction(async (manager) => {
      // Old previews go as new ones come: nobody can confirm them any more.
      await manager.query(`DELETE FROM enrollment_import WHERE status = 'preview' AND expires_at < now()`);
      const [row]: { id: string }[] = await manager.query(
        `INSERT INTO enrollment_import (course_id, created_by_id, file_name, total_rows, accepted_rows, rejected, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + interval '${PREVIEW_TTL}') RETURNING id`,
        [courseId, caller.id, fileName, sheet.rows.length + sheet.badEncodingLines.length, JSON.stringify(accepted), JSON.stringify(rejected)],
      );
      return manager.findOneByOrFail(EnrollmentImportEntity, { id: row.id });
    });
    return this.toDto(saved, locale);
  }

  /**
   * Enrols the accepted rows in ONE statement: the rows come out of the preview's jsonb, learners
   * already enrolled or waiting are skipped, the free seats go to the first lines (the rest wait,
   * in line order), withdrawn learners' rows are reused, the seat counters move by the totals, and
   * one `enrollment.created` per new enrolment goes to the outbox, all under the seat row lock.
   * Confirming twice answers the first result.
   */
  async confirm(ability: AppAbility, importId: string): Promise<ImportResultDto> {
    const found = await this.db.manager.findOneBy(EnrollmentImportEntity, { id: importId });
    if (!found) throw missingInStudio(ability, 'teach', new EnrollmentsException('ENROLLMENT_IMPORT_NOT_FOUND'));
    await loadCourseFor(this.db.manager, ability, 'teach', found.courseId);
    const course = await loadEnrollableCourse(this.db.manager, found.courseId);
    return this.db.transaction(async (manager) => {
      const [current]: { status: string; expired: boolean; result: ImportResultDto | null }[] = await manager.query(
        `SELECT status, expires_at < now() AS expired, result FROM enrollment_import WHERE id = $1 FOR UPDATE`,
        [importId],
      );
      if (current.status === 'confirmed' && current.result) return current.result;
      if (current.expired) throw new EnrollmentsException('ENROLLMENT_IMPORT_EXPIRED');
      if (course.status !== 'published') throw new EnrollmentsException('ENROLLMENT_CLOSED');
      await lockSeatRow(manager, found.courseId, course.snapshot.capacity);
      const [counts]: { enrolled: string; waitlisted: string; total: string }[] = await manager.query(
        `WITH rows AS (
           SELECT r.line, r."userId" AS user_id, r.channel FROM enrollment_import i, jsonb_to_recordset(i.accepted_rows) AS r(line int, "userId" uuid, channel text)
           WHERE i.id = $1
         ), fresh AS (
           SELECT rows.*, row_number() OVER (ORDER BY rows.line) AS n FROM rows
           WHERE NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.course_id = $2 AND e.user_id = rows.user_id AND e.status <> 'withdrawn')
         ), seat AS (
           SELECT capacity, taken FROM course_seat WHERE course_id = $2
         ), decided AS (
           SELECT f.user_id, f.channel, f.n,
                  CASE WHEN s.capacity IS NULL OR f.n <= s.capacity - s.taken THEN 'active' ELSE 'waitlisted' END AS status
           FROM fresh f CROSS JOIN seat s
         ), inserted AS (
           INSERT INTO enrollment (course_id, user_id, status, channel, source, enrolled_by_id, waitlisted_at, activated_at)
           SELECT $2, d.user_id, d.status, d.channel, 'bulk', $3,
                  CASE WHEN d.status = 'waitlisted' THEN now() + d.n * interval '1 microsecond' END,
                  CASE WHEN d.status = 'active' THEN now() END
           FROM decided d ORDER BY d.n
           ON CONFLICT (course_id, user_id) DO UPDATE SET
             status = EXCLUDED.status, channel = EXCLUDED.channel, source = EXCLUDED.source, enrolled_by_id = EXCLUDED.enrolled_by_id,
             waitlisted_at = EXCLUDED.waitlisted_at, activated_at = EXCLUDED.activated_at, withdrawn_at = NULL, completed_at = NULL, updated_at = now()
           WHERE enrollment.status = 'withdrawn'
           RETURNING id, user_id, status
         ), seats AS (
           UPDATE course_seat SET taken = taken + (SELECT count(*) FROM inserted WHERE status = 'active'),
                                  waitlisted = waitlisted + (SELECT count(*) FROM inserted WHERE status = 'waitlisted')
           WHERE course_id = $2
         ), events AS (
           INSERT INTO outbox_event (type, payload, request_id)
           SELECT 'enrollment.created', jsonb_build_object('enrollmentId', id, 'courseId', $2::uuid, 'userId', user_id), $4 FROM inserted
         )
         SELECT (SELECT count(*) FROM inserted WHERE status = 'active') AS enrolled,
                (SELECT count(*) FROM inserted WHERE status = 'waitlisted') AS waitlisted,
                (SELECT count(*) FROM rows) AS total`,
        [importId, found.courseId, found.createdById, currentRequestId()],
      );
      const result = { enrolled: Number(counts.enrolled), waitlisted: Number(counts.waitlisted), alreadyEnrolled: Number(counts.total) - Number(counts.enrolled) - Number(counts.waitlisted) };
      await manager.query(`UPDATE enrollment_import SET status = 'confirmed', confirmed_at = now(), result = $2 WHERE id = $1`, [importId, JSON.stringify(result)]);
      return result;
    });
  }

  /** Accounts by lower-cased email and upper-cased account code, in one query. */
  private async resolve(emails: string[], codes: string[]): Promise<{ byEmail: Map<string, string>; byCode: Map<string, string> }> {
    const rows: { id: string; email: string | null; code: string }[] = emails.length || codes.length
      ? await this.db.query(
          `SELECT id, lower(email) AS email, upper(account_code) AS code FROM app_user
           WHERE (email = ANY($1::citext[]) OR upper(account_code) = ANY($2::text[])) AND erased_at IS NULL AND disabled_at IS NULL`,
          [emails, codes],
        )
      : [];
    return {
      byEmail: new Map(rows.filter((r) => r.email).map((r) => [r.email as string, r.id])),
      byCode: new Map(rows.map((r) => [r.code, r.id])),
    };
  }

  private async toDto(entity: EnrollmentImportEntity, locale: Locale): Promise<EnrollmentImportDto> {
    const first = entity.acceptedRows.slice(0, PREVIEW_ROWS);
    const names: { id: string; display_name: string; account_code: string }[] = first.length
      ? await this.db.query(`SELECT id, display_name, account_code FROM app_user WHERE id = ANY($1::uuid[])`, [first.map((r) => r.userId)])
      : [];
    const byId = new Map(names.map((n) => [n.id, n]));
    const acceptedPreview: ImportAcceptedRowDto[] = first.map((r) => ({
      line: r.line,
      userId: r.userId,
      displayName: byId.get(r.userId)?.display_name ?? '',
      accountCode: byId.get(r.userId)?.account_code ?? '',
      channel: r.channel,
    }));
    return {
      id: entity.id,
      courseId: entity.courseId,
      status: entity.status,
      fileName: entity.fileName,
      totalRows: entity.totalRows,
      accepted: entity.acceptedRows.length,
      rejected: entity.rejected.map((r) => ({ ...r, message: importReasonMessage(r.reason, locale) })),
      acceptedPreview,
      expiresAt: entity.expiresAt.toISOString(),
      result: entity.result,
    };
  }
}
