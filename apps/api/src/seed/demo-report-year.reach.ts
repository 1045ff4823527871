import type { ReachChannel, ReachSource } from '@baanrian/contracts';
import { YEAR_CAMPAIGNS } from './demo-report-year.data';
import { fiscalDay, seededRandom, type YearPlan } from './demo-report-year.plan';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface PlannedCampaign {
  channel: ReachChannel;
  startsOn: string;
  endsOn: string;
  /** A course slug, or null for the programme. */
  courseSlug: string | null;
  programme: string | null;
  impressions: number | null;
  reach: number;
  note: string;
  /** The utm_campaign of the links it shared. */
  utmCampaign: string;
}

/** One `report_reach_day` row; `pageKey` is '*' or 'course:' + the course slug (the writer swaps in the id). */
export interface PlannedReachDay {
  day: string;
  pageKey: string;
  source: ReachSource;
  utmCampaign: string;
  courseSlug: string | null;
  visitors: number;
}

const bangkokDate = (at: Date) => new Date(at.getTime() + 7 * HOUR).toISOString().slice(0, 10);

/** Campaign channels whose shared links bring visitors back with that referrer and a utm_campaign. */
const LINKED: Partial<Record<ReachChannel, ReachSource>> = { facebook: 'facebook', line: 'line', youtube: 'youtube', tiktok: 'tiktok' };

export function planCampaigns(plan: YearPlan): PlannedCampaign[] {
  const programme = `แหล่งเรียนรู้ออนไลน์สู่บ้านคุณ ปีงบประมาณ ${plan.fiscalYear}`;
  return YEAR_CAMPAIGNS.map((campaign) => {
    const first = fiscalDay(plan.start, campaign.month, campaign.day);
    return {
      channel: campaign.channel,
      startsOn: bangkokDate(first),
      endsOn: bangkokDate(new Date(first.getTime() + (campaign.days - 1) * DAY)),
      courseSlug: campaign.courseKey ? `fy${plan.fiscalYear}-${campaign.courseKey}` : null,
      programme: campaign.courseKey ? null : programme,
      impressions: campaign.impressions,
      reach: campaign.reach,
      note: campaign.note,
      utmCampaign: `fy${plan.fiscalYear}-${campaign.courseKey ?? `${campaign.channel}-${campaign.month + 1}`}`,
    };
  });
}

/**
 * Measured reach as the rollup of `reach_visit` would have left it: daily unique visitors per
 * source on each course page while the course was open for enrolment, and the site-wide '*' row,
 * which counts a visitor once however many pages they saw (so it is at least each page's count),
 * with visitors from campaign links on rows of their own utm_campaign.
 */
export function planReachDays(plan: YearPlan, campaigns: PlannedCampaign[]): PlannedReachDay[] {
  const random = seededRandom(plan.fiscalYear * 7 + 1);
  const rows: PlannedReachDay[] = [];
  const enrolments = new Map<number, number>();
  for (const e of plan.enrollments) enrolments.set(e.course, (enrolments.get(e.course) ?? 0) + 1);
  const siteWide = new Map<string, number[]>(); // day|source → course visitors that day
  const courseSources: ReachSource[] = ['direct', 'facebook', 'line', 'google'];
  const courseWeights = [1.1, 1, 0.8, 0.5];
  for (const [index, course] of plan.courses.entries()) {
    const opens = course.startsAt ? course.startsAt.getTime() - 28 * DAY : course.publishedAt.getTime() - 10 * HOUR;
    const closes = Math.min(course.startsAt ? course.startsAt.getTime() : opens + 60 * DAY, plan.end.getTime());
    const popularity = 0.6 + (enrolments.get(index) ?? 0) / 25;
    for (let t = Math.max(opens, plan.start.getTime()); t < closes; t += DAY) {
      const day = bangkokDate(new Date(t));
      for (const [s, source] of courseSources.entries()) {
        const visitors = Math.floor(random() * courseWeights[s] * popularity * 2);
        if (visitors === 0) continue;
        rows.push({ day, pageKey: `course:${course.slug}`, source, utmCampaign: '', courseSlug: course.slug, visitors });
        const key = `${day}|${source}`;
        siteWide.set(key, [...(siteWide.get(key) ?? []), visitors]);
      }
    }
  }
  const catalogSources: [ReachSource, number][] = [['direct', 9], ['google', 5], ['facebook', 5], ['line', 3], ['youtube', 1], ['other', 1]];
  for (let t = plan.start.getTime(); t < plan.end.getTime(); t += DAY) {
    const day = bangkokDate(new Date(t));
    const weekend = [0, 6].includes(new Date(t + 7 * HOUR).getUTCDay()) ? 1.3 : 1;
    for (const [source, mean] of catalogSources) {
      const pages = siteWide.get(`${day}|${source}`) ?? [];
      const fromPages = pages.length ? Math.max(...pages, Math.ceil(0.7 * pages.reduce((a, b) => a + b, 0))) : 0;
      const visitors = Math.round(mean * weekend * (0.5 + random())) + fromPages;
      if (visitors > 0) rows.push({ day, pageKey: '*', source, utmCampaign: '', courseSlug: null, visitors });
    }
    for (const campaign of campaigns) {
      const source = LINKED[campaign.channel];
      if (!source || day < campaign.startsOn || day > campaign.endsOn) continue;
      const days = (Date.parse(campaign.endsOn) - Date.parse(campaign.startsOn)) / DAY + 1;
      // About one in twenty-five people reached follows the link, most of them in the first days.
      const visitors = Math.round((campaign.reach / 25 / days) * (0.5 + random()) * (day === campaign.startsOn ? 3 : 1));
      if (visitors > 0) rows.push({ day, pageKey: '*', source, utmCampaign: campaign.utmCampaign, courseSlug: null, visitors });
    }
  }
  return rows;
}
