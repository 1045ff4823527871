import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isTargetGroup, TARGET_GROUPS, type TargetGroup } from '@baanrian/contracts';

export interface TargetGroupFilterProps {
  /** `null` = all groups. */
  value: TargetGroup | null;
  onChange: (value: TargetGroup | null) => void;
}

/** A native select with a visible label: one control, the phone's own picker, long Thai names fit. */
export function TargetGroupFilter({ value, onChange }: TargetGroupFilterProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('filter.label')}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => onChange(isTargetGroup(event.target.value) ? event.target.value : null)}
      >
        <option value="">{t('filter.all')}</option>
        {TARGET_GROUPS.map((group) => (
          <option key={group} value={group}>
            {t(`targetGroup.${group}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
