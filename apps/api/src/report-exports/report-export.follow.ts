import type { ByteReader, FollowVerdict, MediaStorage } from '@baanrian/db';
import { exportPrefix, isExportTempKey } from '@baanrian/reports';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';

/** How often a follower looks for the job's file, and how long it waits for the worker to start one. */
const LOOK_MS = 25;
const START_WAIT_MS = 120_000;
/** A partial file untouched for longer is a dead run's (a live writer appends every few ms), left for the rerun to sweep. */
const FRESH_MS = 15_000;

/**
 * `?follow=true` on a queued or running export: the file as the worker writes it, so a large CSV
 * starts arriving at once instead of after the job (measured at size L: the wait for the job and
 * the download after it had cost a quarter of psql's throughput). The stored file is the same one
 * the expiring link serves later.
 *
 * The answer has no length. It ends only once the row says `ready` for this very file; if the run
 * fails, or is swept by a rerun after a worker died, the connection is cut so that no client
 * mistakes a part for the whole (the rule for direct exports too). Null when the export left the
 * queued or running state before a file appeared, or the storage cannot be followed (S3): the
 * caller then answers as for any export.
 */
export async function followExport(db: DataSource, storage: MediaStorage, exportId: string): Promise<ByteReader | null> {
  if (!storage.follow) return null;
  const verdict = () => exportVerdict(db, exportId);
  const deadline = Date.now() + START_WAIT_MS;
  while (Date.now() < deadline) {
    const key = await writingKey(storage, exportId);
    if (key) {
      try {
        return await storage.follow(key, verdict);
      } catch (error) {
        // Moved or swept between the listing and the open: look again.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        continue;
      }
    }
    if ((await verdict()) !== 'writing') return null;
    await sleep(LOOK_MS);
  }
  return null;
}

/** The newest partial file under the export's prefix that is still growing. */
async function writingKey(storage: MediaStorage, exportId: string): Promise<string | null> {
  let newest: { key: string; at: number } | null = null;
  for await (const object of storage.list(exportPrefix(exportId))) {
    const at = object.lastModified.getTime();
    if (isExportTempKey(object.key) && Date.now() - at < FRESH_MS && (!newest || at >= newest.at)) newest = { key: object.key, at };
  }
  return newest?.key ?? null;
}

async function exportVerdict(db: DataSource, exportId: string): Promise<FollowVerdict> {
  const [row]: { status: string; storage_key: string | null }[] = await db.query(`SELECT status, storage_key FROM report_export WHERE id = $1`, [exportId]);
  if (row?.status === 'queued' || row?.status === 'running') return 'writing';
  if (row?.status === 'ready' && row.storage_key) return { finalKey: row.storage_key };
  return 'abandoned';
}
