import { emptyCampaign, parseCount, validateCampaign, type CampaignForm } from './campaign-form';
import { parseTarget } from './report-plans';

const form = (patch: Partial<CampaignForm>): CampaignForm => ({
  ...emptyCampaign(),
  channel: 'facebook',
  startsOn: '2025-10-01',
  endsOn: '2025-10-31',
  programme: 'แหล่งเรียนรู้ออนไลน์สู่บ้านคุณ',
  reach: '17,852',
  ...patch,
});

describe('recorded reach form', () => {
  it('gives the API body for a valid campaign (counts as typed, with separators and Thai digits)', () => {
    expect(validateCampaign(form({ impressions: '๒๕๐๐๐', note: '  โพสต์ประชาสัมพันธ์  ' }))).toEqual({
      input: { channel: 'facebook', startsOn: '2025-10-01', endsOn: '2025-10-31', courseId: null, programme: 'แหล่งเรียนรู้ออนไลน์สู่บ้านคุณ', impressions: 25000, reach: 17852, note: 'โพสต์ประชาสัมพันธ์' },
      errors: {},
    });
    expect(validateCampaign(form({ target: 'course', courseId: 'c-1' })).input).toMatchObject({ courseId: 'c-1', programme: null });
  });

  it('says what is wrong, field by field', () => {
    expect(validateCampaign(emptyCampaign()).errors).toEqual({ channel: 'required', startsOn: 'required', endsOn: 'required', programme: 'required', reach: 'required' });
    expect(validateCampaign(form({ endsOn: '2025-09-30' })).errors).toEqual({ endsOn: 'endBeforeStart' });
    expect(validateCampaign(form({ startsOn: '2025-02-30' })).errors).toEqual({ startsOn: 'date' });
    expect(validateCampaign(form({ reach: '12.5' })).errors).toEqual({ reach: 'wholeNumber' });
    expect(validateCampaign(form({ reach: '-3' })).errors).toEqual({ reach: 'wholeNumber' });
    expect(validateCampaign(form({ impressions: '100' })).errors).toEqual({ impressions: 'impressionsBelowReach' });
    expect(validateCampaign(form({ target: 'course', courseId: '' })).errors).toEqual({ courseId: 'required' });
    expect(validateCampaign(form({ note: 'x'.repeat(1001) })).errors).toEqual({ note: 'tooLong' });
  });

  it('reads counts with thousands separators only between groups of three', () => {
    expect(parseCount('1,876')).toBe(1876);
    expect(parseCount('1.876')).toBe(1876);
    expect(parseCount('1 876')).toBe(1876);
    expect(parseCount('12,5')).toBe('invalid');
    expect(parseCount('')).toBeNull();
  });
});

describe('plan targets', () => {
  it('reads a target per locale: grouping, one decimal, Thai digits; empty is no target', () => {
    expect(parseTarget('2,478', 'en')).toBe(2478);
    expect(parseTarget('๒๔๗๘', 'th')).toBe(2478);
    expect(parseTarget('12.5', 'th')).toBe(12.5);
    expect(parseTarget('1.876', 'vi')).toBe(1876);
    expect(parseTarget('12,5', 'vi')).toBe(12.5);
    expect(parseTarget('', 'en')).toBeNull();
    expect(parseTarget('1.25', 'en')).toBe('invalid');
    expect(parseTarget('-1', 'en')).toBe('invalid');
    expect(parseTarget('many', 'en')).toBe('invalid');
  });
});
