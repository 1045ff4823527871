import type { JobData } from '@baanrian/jobs';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LearningNotifier } from './learning-notifier';

/** A learner completed a course: one notification per enrolment (completion happens once). */
@Injectable()
export class EnrollmentCompletedJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifier: LearningNotifier,
  ) {}

  async handle(data: JobData<'enrollment.completed'>): Promise<'added' | 'duplicate' | 'stale'> {
    const [row] = await this.db.query(
      `SELECT c.slug, v.snapshot->'title' AS title, e.completed_at FROM enrollment e JOIN course c ON c.id = e.course_id
         JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version JOIN app_user u ON u.id = e.user_id
        WHERE e.id = $1 AND e.status = 'completed' AND u.erased_at IS NULL`,
      [data.enrollmentId],
    );
    if (!row) return 'stale';
    const added = await this.notifier.add(
      data.userId,
      'enrollment.completed',
      { courseId: data.courseId, enrollmentId: data.enrollmentId, courseSlug: row.slug, courseTitle: row.title, completedAt: row.completed_at },
      `enrollment.completed:${data.enrollmentId}`,
    );
    return added ? 'added' : 'duplicate';
  }
}
