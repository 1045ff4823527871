import type { TFunction } from 'i18next';
import { isTargetGroup } from '@baanrian/contracts';

/**
 * Client-side checks that mirror the API's rules (same source: @baanrian/contracts), so a learner
 * hears about a mistake before sending. The API still validates; its answer wins.
 * Each returns a translated message, or null when the value is fine (RAC's `validate` contract).
 */
export const rules = {
  required: (t: TFunction) => (value: string | null | undefined) => (value == null || `${value}`.trim() === '' ? t('forms.required') : null),
  targetGroup: (t: TFunction) => (value: string | null | undefined) =>
    value == null || value === '' ? t('forms.required') : isTargetGroup(value) ? null : t('forms.targetGroupInvalid'),
};
