import { recomputeCourses, recomputeLearners } from '@baanrian/reports';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { shareRollups } from './rollup-lock';

/** Marks claimed per transaction: enough to batch a burst, small enough to keep each transaction short. */
export const REFRESH_BATCH = 100;

/**
 * Recounts the rollup cells marked dirty, batch by batch, until none are left. Any number of
 * workers may run it: each claims its own marks (SKIP LOCKED). The marks are deleted first, in the
 * transaction that recounts: a handler marking the same cell meanwhile waits for our COMMIT and then
 * inserts a fresh mark, so a change committed after our recount still gets its own. (Deleting last
 * would let that handler's ON CONFLICT DO NOTHING fold into a mark we are about to delete.)
 */
@Injectable()
export class ReportsRefreshJob {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(): Promise<{ courses: number; learners: number }> {
    const done = { courses: 0, learners: 0 };
    for (;;) {
      const claimed = await this.db.transaction(async (manager) => {
        await shareRollups(manager);
        const marks: { kind: string; key: string }[] = await manager.query(
          `WITH claimed AS (SELECT kind, key FROM report_dirty LIMIT $1 FOR UPDATE SKIP LOCKED),
                deleted AS (DELETE FROM report_dirty d USING claimed c WHERE d.kind = c.kind AND d.key = c.key RETURNING d.kind, d.key)
           SELECT kind, key FROM deleted`,
          [REFRESH_BATCH],
        );
        const keys = (kind: string) => marks.filter((m) => m.kind === kind).map((m) => m.key);
        await recomputeCourses(manager, keys('course'));
        await recomputeLearners(manager, keys('learner'));
        done.courses += keys('course').length;
        done.learners += keys('learner').length;
        return marks.length;
      });
      if (claimed === 0) return done;
    }
  }
}
