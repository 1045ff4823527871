import {
  Button,
  FieldError,
  ListBox,
  ListBoxItem,
  Popover,
  Select as RACSelect,
  SelectValue,
  type Key,
  type SelectProps as RACSelectProps,
  type ValidationResult,
} from 'react-aria-components';
import { withClass } from './class-names';
import { FieldHeading } from './field-heading';
import './field.css';

export interface SelectOption {
  id: string;
  label: string;
  /** Language of the label when it differs from the page (e.g. language names). */
  lang?: string;
}

export interface SelectProps extends Omit<RACSelectProps<SelectOption>, 'children'> {
  label: string;
  description?: string;
  errorMessage?: string | ((validation: ValidationResult) => string);
  options: SelectOption[];
}

/**
 * A styled, accessible listbox select. For short forms on phones prefer it over a native
 * <select> only where options need rich content or our styling; the catalogue filter and
 * language switcher stay native (the phone's own picker).
 */
export function Select({ label, description, errorMessage, options, className, ...props }: SelectProps) {
  return (
    <RACSelect {...props} className={withClass('ui-field', className)}>
      <FieldHeading label={label} description={description} />
      <Button className="ui-field__input ui-select__button">
        <SelectValue className="ui-select__value" />
        <span aria-hidden="true" className="ui-select__chevron">
          ▾
        </span>
      </Button>
      <FieldError className="ui-field__error">{errorMessage}</FieldError>
      <Popover className="ui-popover">
        <ListBox className="ui-listbox" items={options}>
          {(option) => (
            <ListBoxItem className="ui-listbox__item" id={option.id} textValue={option.label} lang={option.lang}>
              {option.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </RACSelect>
  );
}

export type { Key };
