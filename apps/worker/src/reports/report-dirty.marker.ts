import { QueueName } from '@baanrian/jobs';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { requestRefresh } from './report-refresh.requester';

/**
 * Event handlers' side of the rollups: mark the course and the learner an event touched as dirty
 * (ON CONFLICT DO NOTHING: many events on one course are one recount), then ask for a refresh.
 * Marks say "recount this", never "add one", so a duplicated or reordered event changes nothing.
 */
@Injectable()
export class ReportDirtyMarker {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.Reports) private readonly queue: Queue,
  ) {}

  /** enrollment.created|withdrawn|promoted|completed|started. */
  enrollment(data: { courseId: string; userId: string }): Promise<void> {
    return this.mark(`VALUES ('course', $1::text), ('learner', $2::text)`, [data.courseId, data.userId]);
  }

  /** attendance.recorded: the session's course (the payload names the lesson). */
  attendance(data: { lessonId: string; userId: string }): Promise<void> {
    return this.mark(`SELECT 'course', course_id::text FROM lesson WHERE id = $1::uuid UNION ALL SELECT 'learner', $2::text`, [data.lessonId, data.userId]);
  }

  /** account.erased: the person and every course they were enrolled in move to the anonymous slice. */
  erased(userId: string): Promise<void> {
    return this.mark(`SELECT 'learner', $1::text UNION SELECT 'course', course_id::text FROM enrollment WHERE user_id = $1::uuid`, [userId]);
  }

  /** credential.issued: only course credentials count as certificates (titles do not). */
  credential(credentialId: string): Promise<void> {
    return this.mark(
      `SELECT m.kind, m.key FROM credential c JOIN enrollment e ON e.id = c.enrollment_id,
              LATERAL (VALUES ('course', e.course_id::text), ('learner', e.user_id::text)) m(kind, key)
        WHERE c.id = $1::uuid AND c.kind = 'course'`,
      [credentialId],
    );
  }

  private async mark(cells: string, params: unknown[]): Promise<void> {
    await this.db.query(`INSERT INTO report_dirty (kind, key) ${cells} ON CONFLICT DO NOTHING`, params);
    await requestRefresh(this.queue);
  }
}
