import type { CSSProperties } from 'react';
import { Label, Radio, RadioGroup as RACRadioGroup, Text, type RadioGroupProps as RACRadioGroupProps } from 'react-aria-components';
import { withClass } from './class-names';
import './radio-group.css';

export interface RadioGroupProps extends Omit<RACRadioGroupProps, 'children'> {
  label: string;
  description?: string;
  options: { id: string; label: string; style?: CSSProperties }[];
}

/** Choices shown all at once, each a large tappable row (better than a dropdown for a few options). */
export function RadioGroup({ label, description, options, className, ...props }: RadioGroupProps) {
  return (
    <RACRadioGroup {...props} className={withClass('ui-radio-group', className)}>
      <Label className="ui-field__label">{label}</Label>
      {description && (
        <Text slot="description" className="ui-field__description">
          {description}
        </Text>
      )}
      <div className="ui-radio-group__options">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="ui-radio" style={option.style}>
            {option.label}
          </Radio>
        ))}
      </div>
    </RACRadioGroup>
  );
}
