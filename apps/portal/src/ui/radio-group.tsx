import type { CSSProperties } from 'react';
import { Radio, RadioGroup as RACRadioGroup, type RadioGroupProps as RACRadioGroupProps } from 'react-aria-components';
import { withClass } from './class-names';
import { FieldHeading } from './field-heading';
import './radio-group.css';

export interface RadioGroupProps extends Omit<RACRadioGroupProps, 'children'> {
  label: string;
  description?: string;
  /** `lang` marks a label in another language than the page (e.g. each language's own name). */
  options: { id: string; label: string; style?: CSSProperties; lang?: string }[];
}

/** Choices shown all at once, each a large tappable row (better than a dropdown for a few options). */
export function RadioGroup({ label, description, options, className, ...props }: RadioGroupProps) {
  return (
    <RACRadioGroup {...props} className={withClass('ui-radio-group', className)}>
      <FieldHeading label={label} description={description} />
      <div className="ui-radio-group__options">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="ui-radio" style={option.style} lang={option.lang}>
            {option.label}
          </Radio>
        ))}
      </div>
    </RACRadioGroup>
  );
}
