import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { createMediaStorage, type MediaStorage } from '@baanrian/db';
import { exportPrefix } from '@baanrian/reports';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Partial files of a ready export (a duplicate run's) are left this long before they are swept. */
const STRAY_AFTER_MS = 60 * 60 * 1000;

/**
 * Hourly (`reports.expire-exports`): marks ready exports past their expiry as expired, then deletes
 * every file under `exports/` that no live export needs: files of expired or failed exports, of
 * exports whose row is gone, and stray partial files next to a finished one. Marking first means a
 * crash between the two steps leaves a file nobody is offered, which the next run deletes.
 * Partial files of queued or running exports are left alone. Idempotent.
 */
@Injectable()
export class ReportExportsExpireJob {
  private readonly logger = new Logger(ReportExportsExpireJob.name);
  private readonly storage: MediaStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.storage = createMediaStorage(config.media);
  }

  async handle(now = new Date()): Promise<{ expired: number; filesDeleted: number }> {
    const [expired]: [{ id: string }[], number] = await this.db.query(
      `UPDATE report_export SET status = 'expired', storage_key = NULL WHERE status = 'ready' AND expires_at <= $1 RETURNING id`,
      [now],
    );
    const byId = new Map<string, { key: string; lastModified: Date }[]>();
    for await (const object of this.storage.list('exports/')) {
      const id = /^exports\/([0-9a-f-]{36})\//.exec(object.key)?.[1];
      if (id) byId.set(id, [...(byId.get(id) ?? []), object]);
    }
    const ids = [...byId.keys()];
    const rows: { id: string; status: string; storage_key: string | null }[] = ids.length
      ? await this.db.query(`SELECT id, status, storage_key FROM report_export WHERE id = ANY($1::uuid[])`, [ids])
      : [];
    const live = new Map(rows.map((r) => [r.id, r]));
    let filesDeleted = 0;
    for (const [id, objects] of byId) {
      const row = live.get(id);
      for (const object of objects) {
        const keep =
          row &&
          (row.status === 'queued' || row.status === 'running' || (row.status === 'ready' && (object.key === row.storage_key || now.getTime() - object.lastModified.getTime() < STRAY_AFTER_MS)));
        if (keep || !object.key.startsWith(exportPrefix(id))) continue;
        await this.storage.delete(object.key);
        filesDeleted += 1;
      }
    }
    this.logger.log({ expired: expired.length, filesDeleted }, 'report exports expired');
    return { expired: expired.length, filesDeleted };
  }
}
