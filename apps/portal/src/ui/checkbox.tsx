import type { ReactNode } from 'react';
import { CheckboxButton, CheckboxField, FieldError, Text, type CheckboxFieldProps, type ValidationResult } from 'react-aria-components';
import { withClass } from './class-names';
import './checkbox.css';

export interface CheckboxProps extends Omit<CheckboxFieldProps, 'children'> {
  children: ReactNode;
  description?: string;
  errorMessage?: string | ((validation: ValidationResult) => string);
}

/**
 * A single checkbox with its label as the (large) touch target, an optional hint and an inline
 * error: for agreeing to something ("I give consent…"). For on/off settings use Switch.
 */
export function Checkbox({ children, description, errorMessage, className, ...props }: CheckboxProps) {
  return (
    <CheckboxField {...props} className={withClass('ui-checkbox-field', className)}>
      <CheckboxButton className="ui-checkbox">
        <span className="ui-checkbox__box" aria-hidden="true">
          <svg viewBox="0 0 18 18" className="ui-checkbox__tick">
            <polyline points="3.5 9.5 7.5 13 14.5 5" fill="none" strokeWidth="3" stroke="currentColor" />
          </svg>
        </span>
        <span className="ui-checkbox__label">{children}</span>
      </CheckboxButton>
      {description && (
        <Text slot="description" className="ui-field__description">
          {description}
        </Text>
      )}
      <FieldError className="ui-field__error">{errorMessage}</FieldError>
    </CheckboxField>
  );
}
