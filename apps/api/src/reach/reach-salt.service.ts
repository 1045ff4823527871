import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * The salt of one Bangkok day's visitor hashes. Made by whichever API process needs it first
 * (INSERT … ON CONFLICT DO NOTHING, then a fresh read, so every process ends up with the same
 * one), then remembered in memory for that day only. The worker deletes past salts, after which
 * a hash can neither be recomputed from an address nor linked to another day's.
 */
@Injectable()
export class ReachSaltService {
  private cached: { day: string; salt: Promise<Buffer> } | null = null;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  saltFor(day: string): Promise<Buffer> {
    // One day at a time: yesterday's salt leaves memory as soon as today's is asked for.
    if (this.cached?.day !== day) {
      const salt = this.load(day);
      this.cached = { day, salt };
      salt.catch(() => {
        if (this.cached?.salt === salt) this.cached = null; // retried on the next visit
      });
    }
    return this.cached.salt;
  }

  private async load(day: string): Promise<Buffer> {
    await this.db.query(`INSERT INTO reach_salt (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING`, [day, randomBytes(32)]);
    // A separate statement: it sees the row another process committed while we waited on the conflict.
    const [row]: { salt: Buffer }[] = await this.db.query(`SELECT salt FROM reach_salt WHERE day = $1`, [day]);
    if (!row) throw new Error(`reach salt of ${day} vanished between insert and read`);
    return row.salt;
  }
}
