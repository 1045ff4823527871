import {
  Button as RACButton,
  composeRenderProps,
  ProgressBar,
  type ButtonProps as RACButtonProps,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { withClass } from './class-names';
import './button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet';

export interface ButtonProps extends RACButtonProps {
  variant?: ButtonVariant;
}

/**
 * RAC's Button: one press model for mouse, touch and keyboard. While `isPending` it stays
 * focusable (focus isn't lost mid-task), ignores presses, and RAC announces the change; the
 * spinner is a RAC ProgressBar so it joins the button's accessible name ("Save, loading").
 */
export function Button({ variant = 'primary', className, children, ...props }: ButtonProps) {
  const { t } = useTranslation();
  return (
    <RACButton {...props} className={withClass(`ui-button ui-button--${variant}`, className)}>
      {composeRenderProps(children, (content, { isPending }) => (
        <>
          {isPending && <ProgressBar isIndeterminate aria-label={t('ui.loading')} className="ui-spinner" />}
          <span className="ui-button__label">{content}</span>
        </>
      ))}
    </RACButton>
  );
}
