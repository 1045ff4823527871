import { normalizeAccountCode, normalizeCardCode } from '@baanrian/contracts';
import { writeOutboxEvent } from '@baanrian/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AssistedAccountsService } from '../accounts/assisted-accounts.service';
import { eraseUserData } from '../accounts/erasure';
import { PasswordService } from '../accounts/password.service';
import { RATE_LIMITS } from '../accounts/rate-limit.policies';
import { type RateLimitKey, RateLimitService } from '../accounts/rate-limit.service';
import { SignInCardCodes } from '../accounts/sign-in-card.codes';
import { updateReturning, writeAudit } from '../accounts/user-accounts';
import type { AppAbility, AuthUser } from '../authz/authz.types';
import { currentRequestId } from '../observability/request-context';
import { CompletionService } from '../progress/completion.service';
import { AttendanceException } from './attendance.exception';
import { markPresent } from './attendance.records';
import type { CreateWalkInDto, WalkInClaimDto, WalkInClaimResultDto, WalkInDto } from './attendance.dto';
import { mergeEnrollment } from './walk-in.merge';
import { StudioSessionsService } from './studio-sessions.service';
import { checkInOpensAt } from './session.lookup';

interface ClaimCandidate {
  id: string;
  password_hash: string | null;
  card_hash: string | null;
}

/**
 * People added at the door of an onsite session: an account without email made exactly like
 * assisted sign-up (same service, same card), an enrolment that counts in the seat row but may
 * pass capacity (the door decides), and attendance. The card lets them sign in, or claim the
 * history for an account of their own, after which the walk-in account is anonymised.
 */
@Injectable()
export class WalkInsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: StudioSessionsService,
    private readonly assisted: AssistedAccountsService,
    private readonly completion: CompletionService,
    private readonly cardCodes: SignInCardCodes,
    private readonly passwords: PasswordService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async create(ability: AppAbility, actor: AuthUser, lessonId: string, dto: CreateWalkInDto, now: Date): Promise<WalkInDto> {
    const requestId = currentRequestId();
    const made = await this.db.transaction(async (manager) => {
      const session = await this.sessions.teachable(manager, ability, lessonId);
      if (session.type !== 'onsite_session') throw new AttendanceException('ATTENDANCE_WRONG_SESSION_TYPE');
      // After the session is fine (the paper list typed in later); long before it is not.
      if (now.getTime() < checkInOpensAt(session).getTime()) throw new AttendanceException('ATTENDANCE_OUTSIDE_WINDOW');

      const { account, card } = await this.assisted.createWithin(manager, actor.id, {
        displayName: dto.displayName,
        preferredLocale: dto.preferredLocale ?? 'th',
        targetGroup: dto.targetGroup,
        phone: dto.phone ?? null,
        province: dto.province ?? null,
        district: dto.district ?? null,
      });
      const userId = account.user.id;
      const [enrollment]: { id: string }[] = await manager.query(
        `INSERT INTO enrollment (course_id, user_id, status, channel, source, enrolled_by_id, activated_at)
         VALUES ($1, $2, 'active', 'onsite', 'walk_in', $3, $4) RETURNING id`,
        [session.courseId, userId, actor.id, now],
      );
      // Counted in the seat row without the capacity condition: walk-ins may fill the room past it.
      await manager.query(
        `INSERT INTO course_seat (course_id, capacity, taken)
         SELECT c.id, (v.snapshot->>'capacity')::int, 1 FROM course c JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
         WHERE c.id = $1
         ON CONFLICT (course_id) DO UPDATE SET taken = course_seat.taken + 1`,
        [session.courseId],
      );
      await writeOutboxEvent(manager, 'enrollment.created', { enrollmentId: enrollment.id, courseId: session.courseId, userId }, requestId);
      const marked = await markPresent(manager, this.completion, {
        session,
        enrollmentId: enrollment.id,
        userId,
        method: 'walk_in',
        markedById: actor.id,
        now,
        requestId,
      });
      return { account, card, enrollmentId: enrollment.id, recordedAt: marked.recordedAt };
    });
    return {
      userId: made.account.user.id,
      accountCode: made.account.user.accountCode,
      displayName: made.account.user.displayName,
      enrollmentId: made.enrollmentId,
      recordedAt: made.recordedAt.toISOString(),
      card: await this.assisted.describe(made.card),
    };
  }

  /**
   * Moves a walk-in account's enrolments, attendance and progress to the signed-in caller and
   * anonymises the walk-in account as erasure does. Proof is the card's one-time code (or the PIN
   * chosen with it); attempts are limited like card sign-in, per account code and per address.
   */
  async claim(user: AuthUser, dto: WalkInClaimDto, ip: string): Promise<WalkInClaimResultDto> {
    const accountCode = normalizeAccountCode(dto.accountCode);
    const ipKey: RateLimitKey = { policy: RATE_LIMITS.cardIp, subject: ip };
    const accountKey: RateLimitKey = { policy: RATE_LIMITS.cardAccount, subject: accountCode ?? dto.accountCode };
    await this.rateLimits.consume([ipKey, accountKey]);

    const [candidate]: ClaimCandidate[] = accountCode
      ? await this.db.query(
          `SELECT u.id, u.password_hash, card.code_hash AS card_hash
           FROM app_user u
           JOIN assisted_account a ON a.user_id = u.id
           LEFT JOIN sign_in_card card ON card.user_id = u.id AND card.used_at IS NULL AND card.revoked_at IS NULL AND card.expires_at > now()
           WHERE u.account_code = $1 AND u.erased_at IS NULL
             AND EXISTS (SELECT 1 FROM enrollment e WHERE e.user_id = u.id AND e.source = 'walk_in')`,
          [accountCode],
        )
      : [];
    const cardCode = normalizeCardCode(dto.pin);
    const cardMatches = !!candidate?.card_hash && !!cardCode && this.cardCodes.codeMatches(candidate.card_hash, candidate.id, cardCode);
    // Always one full PIN check, so an unknown account code costs the same as a wrong PIN.
    const pinMatches = (await this.passwords.check(cardMatches ? null : (candidate?.password_hash ?? null), dto.pin)).ok;
    if (!candidate || !(cardMatches || pinMatches)) throw new AttendanceException('WALK_IN_CLAIM_INVALID');
    if (candidate.id === user.id) throw new AttendanceException('WALK_IN_CLAIM_SELF');
    await Promise.all([this.rateLimits.reset(accountKey), this.rateLimits.refund(ipKey)]);

    const requestId = currentRequestId();
    return this.db.transaction(async (manager) => {
      // Locked, and checked again: of two concurrent claims exactly one finds the account unclaimed.
      const [locked]: { id: string }[] = await manager.query(`SELECT id FROM app_user WHERE id = $1 AND erased_at IS NULL FOR UPDATE`, [candidate.id]);
      if (!locked) throw new AttendanceException('WALK_IN_CLAIM_INVALID');
      const theirs: { id: string; course_id: string }[] = await manager.query(
        `SELECT id, course_id FROM enrollment WHERE user_id = $1 ORDER BY created_at FOR UPDATE`,
        [candidate.id],
      );
      let moved = 0;
      let merged = 0;
      for (const enrollment of theirs) {
        const [mine]: { id: string }[] = await manager.query(
          `SELECT id FROM enrollment WHERE course_id = $1 AND user_id = $2 FOR UPDATE`,
          [enrollment.course_id, user.id],
        );
        let records: { id: string; lesson_id: string }[];
        if (mine) {
          records = await mergeEnrollment(manager, { from: enrollment.id, into: mine.id, userId: user.id }, requestId);
          await this.completion.evaluate(manager, mine.id, requestId);
          merged++;
        } else {
          await manager.query(`UPDATE enrollment SET user_id = $2, updated_at = now() WHERE id = $1`, [enrollment.id, user.id]);
          records = await updateReturning(
            manager,
            `UPDATE session_attendance SET user_id = $2, updated_at = now() WHERE enrollment_id = $1 RETURNING id, lesson_id`,
            [enrollment.id, user.id],
          );
          moved++;
        }
        // Whatever keys on the person (progress, reminders, reports) hears about the records now theirs.
        for (const record of records) {
          await writeOutboxEvent(manager, 'attendance.recorded', { attendanceId: record.id, lessonId: record.lesson_id, userId: user.id }, requestId);
        }
      }
      const [{ attendance }]: { attendance: number }[] = await manager.query(
        `SELECT count(*)::int AS attendance FROM session_attendance WHERE user_id = $1 AND course_id = ANY($2::uuid[])`,
        [user.id, theirs.map((e) => e.course_id)],
      );
      await eraseUserData(manager, candidate.id);
      const courseIds = [...new Set(theirs.map((e) => e.course_id))];
      await writeAudit(manager, { actorId: user.id, action: 'walk-in.claim', targetId: candidate.id, details: { moved, merged, courseIds } });
      return { movedEnrollments: moved, mergedEnrollments: merged, attendance, courseIds };
    });
  }
}
