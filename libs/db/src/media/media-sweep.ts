import type { DataSource, EntityManager } from 'typeorm';
import { assetIdOfKey, type MediaStorage } from './media-storage';

export interface MediaSweepResult {
  /** Temporary files of uploads that never finished (client gone, process killed). */
  tempFiles: number;
  /** Stored objects of ids with no `media_asset` row (a crash between storing and inserting, or a delete whose clean-up failed). */
  orphanObjects: number;
}

/**
 * Removes media bytes nothing refers to. Only objects older than `olderThanMinutes` are touched,
 * so an upload in progress (its temporary file is written to right now) is never swept away.
 */
export async function sweepMediaOrphans(
  storage: MediaStorage,
  db: DataSource | EntityManager,
  options: { olderThanMinutes: number; now?: Date },
): Promise<MediaSweepResult> {
  const cutoff = (options.now ?? new Date()).getTime() - options.olderThanMinutes * 60_000;
  let tempFiles = 0;
  for await (const object of storage.list('tmp/')) {
    if (object.lastModified.getTime() < cutoff) {
      await storage.delete(object.key);
      tempFiles++;
    }
  }
  const staleKeysById = new Map<string, string[]>();
  for await (const object of storage.list('media/')) {
    const id = assetIdOfKey(object.key);
    if (!id || object.lastModified.getTime() >= cutoff) continue;
    staleKeysById.set(id, [...(staleKeysById.get(id) ?? []), object.key]);
  }
  let orphanObjects = 0;
  const ids = [...staleKeysById.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const known = new Set(((await db.query(`SELECT id FROM media_asset WHERE id = ANY($1::uuid[])`, [batch])) as { id: string }[]).map((r) => r.id));
    for (const id of batch.filter((candidate) => !known.has(candidate))) {
      for (const key of staleKeysById.get(id) ?? []) {
        await storage.delete(key);
        orphanObjects++;
      }
    }
  }
  return { tempFiles, orphanObjects };
}
