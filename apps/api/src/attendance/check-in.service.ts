import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../authz/authz.types';
import { currentRequestId } from '../observability/request-context';
import { CompletionService } from '../progress/completion.service';
import { AttendanceException } from './attendance.exception';
import { markPresent, requireSeat } from './attendance.records';
import type { CheckInResultDto, JoinResultDto } from './attendance.dto';
import { CheckInCodes } from './check-in-codes';
import { checkInOpensAt, courseOfLesson, findSession, joinOpensAt, type SessionInfo, within } from './session.lookup';

export interface CheckInOutcome {
  result: CheckInResultDto;
  /** A new check-in (201) rather than a repeated one (200). */
  created: boolean;
}

/** The learner's side: scanning the session's QR code, and joining a live session through the platform. */
@Injectable()
export class CheckInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly codes: CheckInCodes,
    private readonly completion: CompletionService,
  ) {}

  /** Checked in this order: the session exists, the caller holds a seat, check-in is open, the code is current. */
  async checkIn(user: AuthUser, lessonId: string, code: string, now: Date): Promise<CheckInOutcome> {
    const requestId = currentRequestId();
    return this.db.transaction(async (manager) => {
      const { session, enrollmentId } = await seatedSession(manager, lessonId, user.id);
      const opensAt = checkInOpensAt(session);
      if (!within(now, opensAt, session.endsAt)) throw new AttendanceException('ATTENDANCE_OUTSIDE_WINDOW');
      const verdict = this.codes.verify(session.lessonId, code, now, opensAt);
      if (verdict === 'expired') throw new AttendanceException('ATTENDANCE_CODE_EXPIRED');
      if (verdict === 'invalid') throw new AttendanceException('ATTENDANCE_CODE_INVALID');
      const marked = await markPresent(manager, this.completion, { session, enrollmentId, userId: user.id, method: 'qr', markedById: null, now, requestId });
      return { result: { status: 'present', recordedAt: marked.recordedAt.toISOString(), alreadyCheckedIn: marked.already }, created: !marked.already };
    });
  }

  /** The meeting link, only from 15 minutes before the start to the end; joining records attendance. */
  async join(user: AuthUser, lessonId: string, now: Date): Promise<JoinResultDto> {
    const requestId = currentRequestId();
    return this.db.transaction(async (manager) => {
      const { session, enrollmentId } = await seatedSession(manager, lessonId, user.id);
      if (session.type !== 'live_session' || !session.meetingUrl) throw new AttendanceException('ATTENDANCE_WRONG_SESSION_TYPE');
      if (!within(now, joinOpensAt(session), session.endsAt)) throw new AttendanceException('ATTENDANCE_OUTSIDE_WINDOW');
      const marked = await markPresent(manager, this.completion, { session, enrollmentId, userId: user.id, method: 'join', markedById: null, now, requestId });
      return { meetingUrl: session.meetingUrl, status: 'present', recordedAt: marked.recordedAt.toISOString(), alreadyCheckedIn: marked.already };
    });
  }
}

/**
 * The session and the caller's seat in its course. Without a seat the answer is 403
 * ATTENDANCE_NOT_ENROLLED whether or not the id is a session, so ids reveal nothing; a seat
 * holder is told when the lesson is no session (404).
 */
async function seatedSession(manager: EntityManager, lessonId: string, userId: string): Promise<{ session: SessionInfo; enrollmentId: string }> {
  const session = await findSession(manager, lessonId);
  const courseId = session?.courseId ?? (await courseOfLesson(manager, lessonId));
  if (!courseId) throw new AttendanceException('ATTENDANCE_NOT_ENROLLED');
  const enrollmentId = await requireSeat(manager, courseId, userId);
  if (!session) throw new AttendanceException('SESSION_NOT_FOUND');
  return { session, enrollmentId };
}
