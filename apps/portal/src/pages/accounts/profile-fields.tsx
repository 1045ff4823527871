import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale, isTargetGroup, LOCALES, TARGET_GROUPS, targetGroupForBirthYear, type Locale, type TargetGroup } from '@baanrian/contracts';
import type { ProfileFields as ProfileBody } from '../../auth/accounts-api';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { accountRules, formatBirthYear, normalizeDigits, parseBirthYear, type Era } from '../../forms/rules';
import { currentLocale, LOCALE_ENDONYMS } from '../../i18n/i18n';
import { RadioGroup, TextField } from '../../ui';

/** Thai learners give their birth year in the Buddhist Era; the API stores the Gregorian year. */
export function useBirthYearEra(): Era {
  const { i18n } = useTranslation();
  return currentLocale(i18n) === 'th' ? 'be' : 'ce';
}

export interface ProfileDraft {
  birthYearText: string;
  setBirthYearText: (text: string) => void;
  targetGroup: TargetGroup | null;
  setTargetGroup: (group: TargetGroup) => void;
  /** The learner picked the group themselves (sent to the API; otherwise it derives it from age). */
  targetGroupChosen: boolean;
  era: Era;
}

/**
 * Birth year and target group together: until the learner picks a group, it follows the birth
 * year with the contract's own derivation (targetGroupForBirthYear), so what the form shows is
 * what the API would derive.
 */
export function useProfileDraft(initial: { birthYear?: number | null; targetGroup?: TargetGroup | null; chosen?: boolean } = {}): ProfileDraft {
  const era = useBirthYearEra();
  const [birthYearText, setText] = useState(() => formatBirthYear(initial.birthYear, era));
  const [targetGroup, setGroup] = useState<TargetGroup | null>(initial.targetGroup ?? null);
  const [targetGroupChosen, setChosen] = useState(initial.chosen ?? false);
  return {
    era,
    birthYearText,
    setBirthYearText: (text) => {
      setText(text);
      const year = parseBirthYear(text, era);
      if (!targetGroupChosen && year !== null && Number.isInteger(year) && year > 1800 && year <= new Date().getUTCFullYear()) {
        setGroup(targetGroupForBirthYear(year));
      }
    },
    targetGroup,
    setTargetGroup: (group) => {
      setGroup(group);
      setChosen(true);
    },
    targetGroupChosen,
  };
}

export interface ProfileFieldsProps {
  draft: ProfileDraft;
  defaults?: { displayName?: string; preferredLocale?: Locale; phone?: string | null; province?: string | null; district?: string | null };
  /** Who the form is about: the learner themself ("your") or someone an instructor signs up. */
  subject?: 'self' | 'other';
}

/** Name, language, birth year, phone, area and target group: shared by sign-up, the account page and assisted sign-up. */
export function ProfileFields({ draft, defaults = {}, subject = 'self' }: ProfileFieldsProps) {
  const { t } = useAccountsTranslation();
  const { t: tc, i18n } = useTranslation();
  const other = subject === 'other';
  return (
    <>
      <TextField
        name="displayName"
        label={t(other ? 'profile.displayNameOther' : 'profile.displayName')}
        description={t('profile.displayNameHint')}
        defaultValue={defaults.displayName}
        isRequired
        validate={accountRules.displayName(t)}
        autoComplete={other ? 'off' : 'name'}
      />
      <RadioGroup
        name="preferredLocale"
        label={t('profile.language')}
        defaultValue={defaults.preferredLocale ?? currentLocale(i18n)}
        orientation="horizontal"
        options={LOCALES.map((locale) => ({ id: locale, label: LOCALE_ENDONYMS[locale], lang: locale }))}
      />
      <TextField
        name="birthYear"
        label={t(draft.era === 'be' ? 'profile.birthYearBe' : 'profile.birthYear')}
        description={t('profile.birthYearHint')}
        value={draft.birthYearText}
        onChange={draft.setBirthYearText}
        inputMode="numeric"
        maxLength={4}
        validate={accountRules.birthYear(t, draft.era)}
        autoComplete={other ? 'off' : 'bday-year'}
      />
      <RadioGroup
        name="targetGroup"
        label={t('profile.targetGroup')}
        description={t(draft.targetGroupChosen || !draft.birthYearText ? 'profile.targetGroupHint' : 'profile.targetGroupDerived')}
        value={draft.targetGroup}
        onChange={(value) => {
          if (isTargetGroup(value)) draft.setTargetGroup(value);
        }}
        options={TARGET_GROUPS.map((group) => ({ id: group, label: tc(`targetGroup.${group}`) }))}
      />
      {draft.targetGroup === 'education_staff' && <p className="account-note">{t('profile.staffNote')}</p>}
      <TextField
        name="phone"
        type="tel"
        label={t('profile.phone')}
        description={t('profile.phoneHint')}
        defaultValue={defaults.phone ?? ''}
        validate={accountRules.phone(t)}
        autoComplete={other ? 'off' : 'tel'}
      />
      <TextField
        name="province"
        label={t('profile.province')}
        defaultValue={defaults.province ?? ''}
        validate={accountRules.area(t)}
        autoComplete={other ? 'off' : 'address-level1'}
      />
      <TextField
        name="district"
        label={t('profile.district')}
        defaultValue={defaults.district ?? ''}
        validate={accountRules.area(t)}
        autoComplete={other ? 'off' : 'address-level2'}
      />
    </>
  );
}

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * The profile as the API wants it: empty optional fields left out (the API rejects unknown or
 * malformed fields, and "" is not a phone number), the birth year in the Gregorian calendar, and
 * the target group only when the learner chose it.
 */
export function readProfile(data: FormData, draft: ProfileDraft): ProfileBody {
  const locale = text(data, 'preferredLocale');
  const birthYear = parseBirthYear(draft.birthYearText, draft.era);
  const body: ProfileBody = {
    displayName: text(data, 'displayName'),
    preferredLocale: isLocale(locale) ? locale : 'th',
  };
  if (birthYear !== null && !Number.isNaN(birthYear)) body.birthYear = birthYear;
  for (const field of ['phone', 'province', 'district'] as const) {
    const value = text(data, field);
    if (value) body[field] = field === 'phone' ? normalizeDigits(value) : value;
  }
  if (draft.targetGroupChosen && draft.targetGroup) body.targetGroup = draft.targetGroup;
  return body;
}
