import { Switch as RACSwitch, type SwitchProps as RACSwitchProps } from 'react-aria-components';
import { withClass } from './class-names';
import './switch.css';

/** An on/off setting that applies at once (role=switch). The whole row is the touch target. */
export function Switch({ className, children, ...props }: RACSwitchProps & { children: string }) {
  return (
    <RACSwitch {...props} className={withClass('ui-switch', className)}>
      <span className="ui-switch__track" aria-hidden="true">
        <span className="ui-switch__thumb" />
      </span>
      <span className="ui-switch__label">{children}</span>
    </RACSwitch>
  );
}
