import { APP_CONFIG, type AppConfig } from '@baanrian/config';
import { bangkokDay } from '@baanrian/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RecordVisitDto } from './reach.dto';
import { ReachRateLimit } from './reach-rate-limit';
import { ReachSaltService } from './reach-salt.service';
import { classifySource, isBot } from './reach-source';

/** Who is visiting, as the request says: used for the hash, then dropped (never stored, never logged). */
export interface VisitorRequest {
  ip: string;
  userAgent: string;
  /** The host the request came to (Express's hostname, proxy-aware): a referrer from it is same-site. */
  host: string;
}

const sha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  // A NUL between parts, so ("1.2.3.4", "5x") and ("1.2.3.45", "x") cannot hash alike.
  parts.forEach((part, i) => hash.update(i ? Buffer.concat([Buffer.from([0]), Buffer.from(part)]) : part));
  return hash.digest();
};

/** sha256(day's salt ‖ address ‖ user agent): the visitor as the day knows them, and no more. */
export const visitorHash = (salt: Buffer, ip: string, userAgent: string): Buffer => sha256(salt, ip, userAgent);

/**
 * Measured reach: one row per visitor, page and Bangkok day, holding where the first visit of the
 * day came from. No cookie, no raw address, no referrer are kept (see docs/reports.md, "Reach").
 */
@Injectable()
export class ReachService {
  private readonly ownHost: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly salts: ReachSaltService,
    private readonly rateLimit: ReachRateLimit,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ownHost = new URL(config.http.publicUrl).hostname;
  }

  /** Records one page view, or quietly ignores it (crawlers, unknown courses): the beacon always gets 204. */
  async record(visit: RecordVisitDto, visitor: VisitorRequest, now: Date): Promise<void> {
    if (isBot(visitor.userAgent)) return;
    const day = bangkokDay(now);
    const salt = await this.salts.saltFor(day);
    await this.rateLimit.consume(sha256(salt, 'address', visitor.ip).toString('hex'), now);

    let courseId: string | null = null;
    if (visit.page === 'course') {
      // The catalog holds exactly the published, unarchived courses, by slug.
      const [entry]: { course_id: string }[] = await this.db.query(`SELECT course_id FROM catalog_entry WHERE slug = $1`, [visit.courseSlug]);
      if (!entry) return;
      courseId = entry.course_id;
    }

    const source = classifySource({ referrer: visit.referrer, utmSource: visit.utmSource, utmMedium: visit.utmMedium, ownHosts: [this.ownHost, visitor.host] });
    // The first visit of the day to a page decides its source; later ones change nothing.
    await this.db.query(
      `INSERT INTO reach_visit (day, visitor_hash, page_key, course_id, source, utm_source, utm_medium, utm_campaign)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        day,
        visitorHash(salt, visitor.ip, visitor.userAgent),
        courseId ? `course:${courseId}` : 'catalog',
        courseId,
        source,
        utm(visit.utmSource, true),
        utm(visit.utmMedium, true),
        utm(visit.utmCampaign, false),
      ],
    );
  }
}

/** Source and medium are compared case-insensitively by everyone; campaign names are kept as typed. */
function utm(value: string | undefined, lowercase: boolean): string {
  const trimmed = (value ?? '').trim();
  return lowercase ? trimmed.toLowerCase() : trimmed;
}
