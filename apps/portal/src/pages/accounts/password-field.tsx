import { useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@baanrian/contracts';
import { useAccountsTranslation } from '../../auth/screens-i18n';
import { accountRules, passwordStrength } from '../../forms/rules';
import { TextField } from '../../ui';

/**
 * A new password, with the rule and a strength hint in the field's description (read with the
 * field, updated as the learner types; not a live region, so typing is not talked over).
 */
export function NewPasswordField({ name = 'password', label }: { name?: string; label?: string }) {
  const { t } = useAccountsTranslation();
  const [value, setValue] = useState('');
  const strength = passwordStrength(value);
  const hint = t('password.rule', { min: PASSWORD_MIN_LENGTH });
  return (
    <TextField
      name={name}
      type="password"
      label={label ?? t('password.label')}
      description={value ? `${hint} ${t(`password.strength.${strength}`)}` : hint}
      value={value}
      onChange={setValue}
      isRequired
      validate={accountRules.newPassword(t)}
      autoComplete="new-password"
      data-strength={strength}
    />
  );
}
