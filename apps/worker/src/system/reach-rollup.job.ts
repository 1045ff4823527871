import { bangkokDay } from '@baanrian/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface ReachRollupResult {
  /** Bangkok days whose `report_reach_day` rows were recomputed. */
  days: string[];
  rows: number;
  saltsDeleted: number;
  visitsDeleted: number;
}

/** Visit rows are kept this many days before today, then deleted (after this job rolled them up). */
export const REACH_VISIT_KEEP_DAYS = 3;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Measured reach, rolled up: `report_reach_day` is recomputed from `reach_visit` for today and
 * yesterday (Bangkok), and any older day still holding visits, by deleting the days' rows and
 * inserting them afresh in one transaction, so running it again, or twice at once, gives the same
 * rows. Then past salts go (no hash of a finished day
 * can be recomputed or linked any more) and visit rows older than REACH_VISIT_KEEP_DAYS.
 *
 * Rows: per (day, page_key, source, utm_campaign) the distinct visitors of that page; and
 * page_key '*', each visitor once a day across all pages. A visitor who reached several pages by
 * different ways is attributed, in the '*' rows, to ONE of their visit rows: a referred source
 * before `direct`, then the alphabetically first source, then a named campaign before none, then
 * the first campaign. So the '*' rows of a day sum to its unique visitors, counted once.
 */
@Injectable()
export class ReachRollupJob {
  private readonly logger = new Logger(ReachRollupJob.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(now = new Date()): Promise<ReachRollupResult> {
    const today = bangkokDay(now);
    const oldestKept = addDays(today, -REACH_VISIT_KEEP_DAYS);
    const result = await this.db.transaction(async (manager) => {
      // Two workers at once would otherwise delete each other's fresh rows mid-insert.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('reach.rollup'))`);
      // Every day that still holds visits: today and yesterday, plus the few kept older days (already
      // complete, so recomputing them changes nothing, but a worker stopped for days loses none).
      const days: string[] = (await manager.query(`SELECT DISTINCT day::text AS day FROM reach_visit ORDER BY 1`)).map((r: { day: string }) => r.day);
      // Days without visits (before tracking began, or seeded demo figures) keep whatever rows they have.
      await manager.query(`DELETE FROM report_reach_day WHERE day = ANY($1::date[])`, [days]);
      const [{ n: pageRows }] = await manager.query(
        `WITH inserted AS (
           INSERT INTO report_reach_day (day, page_key, source, utm_campaign, course_id, visitors)
           SELECT day, page_key, source, utm_campaign, course_id, count(DISTINCT visitor_hash)
             FROM reach_visit WHERE day = ANY($1::date[])
            GROUP BY day, page_key, course_id, source, utm_campaign
           RETURNING 1)
         SELECT count(*)::int AS n FROM inserted`,
        [days],
      );
      const [{ n: siteRows }] = await manager.query(
        `WITH inserted AS (
           INSERT INTO report_reach_day (day, page_key, source, utm_campaign, course_id, visitors)
           SELECT day, '*', source, utm_campaign, NULL, count(*)
             FROM (SELECT DISTINCT ON (day, visitor_hash) day, visitor_hash, source, utm_campaign
                     FROM reach_visit WHERE day = ANY($1::date[])
                    ORDER BY day, visitor_hash, source = 'direct', source, utm_campaign = '', utm_campaign) v
            GROUP BY day, source, utm_campaign
           RETURNING 1)
         SELECT count(*)::int AS n FROM inserted`,
        [days],
      );
      const [, saltsDeleted] = await manager.query(`DELETE FROM reach_salt WHERE day < $1::date`, [today]);
      const [, visitsDeleted] = await manager.query(`DELETE FROM reach_visit WHERE day < $1::date`, [oldestKept]);
      return { days, rows: pageRows + siteRows, saltsDeleted, visitsDeleted };
    });
    this.logger.log(result, 'reach.rollup done');
    return result;
  }
}
