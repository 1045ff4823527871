import {
  FieldError,
  Input,
  TextArea,
  TextField as RACTextField,
  type TextFieldProps as RACTextFieldProps,
  type ValidationResult,
} from 'react-aria-components';
import { withClass } from './class-names';
import { FieldHeading } from './field-heading';
import './field.css';

export interface TextFieldProps extends RACTextFieldProps {
  label: string;
  description?: string;
  /** Shown under the field and linked to it (aria-describedby); a function gets RAC's validation state. */
  errorMessage?: string | ((validation: ValidationResult) => string);
  placeholder?: string;
  multiline?: boolean;
}

/** Label, optional hint and inline error, always in that order so the hint is read before typing. */
export function TextField({ label, description, errorMessage, placeholder, multiline, className, ...props }: TextFieldProps) {
  return (
    <RACTextField {...props} className={withClass('ui-field', className)}>
      <FieldHeading label={label} description={description} />
      {multiline ? (
        <TextArea className="ui-field__input ui-field__input--multiline" placeholder={placeholder} />
      ) : (
        <Input className="ui-field__input" placeholder={placeholder} />
      )}
      <FieldError className="ui-field__error">{errorMessage}</FieldError>
    </RACTextField>
  );
}
