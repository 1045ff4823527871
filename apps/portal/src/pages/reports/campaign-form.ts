import { REACH_CHANNELS, type Locale, type ReachChannel } from '@baanrian/contracts';
import type { ReachCampaignDto, ReachCampaignInput } from './reports-api';

/*
 * The recorded-reach form's state and rules, pure (tested without a browser). The API checks the
 * same (class-validator); these give the answer before a round trip, next to the field.
 */

export const NOTE_MAX = 1000;

export interface CampaignForm {
  channel: ReachChannel | '';
  startsOn: string;
  endsOn: string;
  /** What the campaign promoted: one course, or a programme by name. */
  target: 'course' | 'programme';
  courseId: string;
  programme: string;
  impressions: string;
  reach: string;
  note: string;
}

export type CampaignField = 'channel' | 'startsOn' | 'endsOn' | 'courseId' | 'programme' | 'impressions' | 'reach' | 'note';
export type CampaignError = 'required' | 'date' | 'endBeforeStart' | 'wholeNumber' | 'impressionsBelowReach' | 'tooLong';

export const emptyCampaign = (): CampaignForm => ({
  channel: '',
  startsOn: '',
  endsOn: '',
  target: 'programme',
  courseId: '',
  programme: '',
  impressions: '',
  reach: '',
  note: '',
});

export function campaignToForm(campaign: ReachCampaignDto, locale: Locale): CampaignForm {
  const number = (n: number | null) => (n === null ? '' : new Intl.NumberFormat(locale, { useGrouping: false }).format(n));
  return {
    channel: campaign.channel,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    target: campaign.courseId ? 'course' : 'programme',
    courseId: campaign.courseId ?? '',
    programme: campaign.programme ?? '',
    impressions: number(campaign.impressions),
    reach: number(campaign.reach),
    note: campaign.note,
  };
}

/** A whole number as typed (Thai digits; thousands separators "1,876", "1.876", "1 876" allowed); '' → null. */
export function parseCount(raw: string): number | null | 'invalid' {
  const text = raw.trim().replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  if (text === '') return null;
  // Separators only between groups of three digits: "12.5" is not a count, and not 125.
  if (!/^\d+$/.test(text) && !/^\d{1,3}([,.\s\u00a0\u202f]\d{3})+$/.test(text)) return 'invalid';
  const digits = text.replace(/\D/g, '');
  return digits.length <= 10 && Number(digits) <= 2_147_483_647 ? Number(digits) : 'invalid';
}

const validDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/** The API body, or the errors by field (none when it is valid). */
export function validateCampaign(form: CampaignForm): { input: ReachCampaignInput | null; errors: Partial<Record<CampaignField, CampaignError>> } {
  const errors: Partial<Record<CampaignField, CampaignError>> = {};
  if (!form.channel || !(REACH_CHANNELS as readonly string[]).includes(form.channel)) errors.channel = 'required';
  if (!form.startsOn) errors.startsOn = 'required';
  else if (!validDay(form.startsOn)) errors.startsOn = 'date';
  if (!form.endsOn) errors.endsOn = 'required';
  else if (!validDay(form.endsOn)) errors.endsOn = 'date';
  else if (!errors.startsOn && form.endsOn < form.startsOn) errors.endsOn = 'endBeforeStart';
  if (form.target === 'course' && !form.courseId) errors.courseId = 'required';
  if (form.target === 'programme' && !form.programme.trim()) errors.programme = 'required';
  const reach = parseCount(form.reach);
  if (reach === null) errors.reach = 'required';
  else if (reach === 'invalid') errors.reach = 'wholeNumber';
  const impressions = parseCount(form.impressions);
  if (impressions === 'invalid') errors.impressions = 'wholeNumber';
  else if (impressions !== null && typeof reach === 'number' && impressions < reach) errors.impressions = 'impressionsBelowReach';
  if (form.note.length > NOTE_MAX) errors.note = 'tooLong';
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return {
    input: {
      channel: form.channel as ReachChannel,
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      courseId: form.target === 'course' ? form.courseId : null,
      programme: form.target === 'programme' ? form.programme.trim() : null,
      impressions: impressions as number | null,
      reach: reach as number,
      note: form.note.trim(),
    },
    errors,
  };
}
