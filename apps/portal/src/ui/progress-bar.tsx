import { Label, ProgressBar as RACProgressBar, type ProgressBarProps as RACProgressBarProps } from 'react-aria-components';
import { withClass } from './class-names';
import './progress-bar.css';

export interface ProgressBarProps extends RACProgressBarProps {
  label: string;
}

/** role=progressbar with a visible label and the value as text (RAC formats it per locale). */
export function ProgressBar({ label, className, ...props }: ProgressBarProps) {
  return (
    <RACProgressBar {...props} className={withClass('ui-progress', className)}>
      {({ percentage, valueText, isIndeterminate }) => (
        <>
          <div className="ui-progress__header">
            <Label className="ui-progress__label">{label}</Label>
            {!isIndeterminate && <span className="ui-progress__value">{valueText}</span>}
          </div>
          <div className="ui-progress__track">
            <div
              className={isIndeterminate ? 'ui-progress__fill ui-progress__fill--indeterminate' : 'ui-progress__fill'}
              style={isIndeterminate ? undefined : { width: `${percentage}%` }}
            />
          </div>
        </>
      )}
    </RACProgressBar>
  );
}
