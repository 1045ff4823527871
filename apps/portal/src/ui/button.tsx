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
 * focusable (focus isn't lost mid-task), ignores presses and never submits its form; the spinner
 * is a ProgressBar inside the button, so its name ("loading") is read with the button's.
 *
 * Pending is handled here rather than by RAC's own `isPending`: RAC announces the change through a
 * `role="img"` live-region entry labelled by the button's ids, which outlives the button for seven
 * seconds when a successful action replaces the form, and axe then reports an unnamed image.
 */
export function Button({ variant = 'primary', className, children, isPending = false, onPress, type, ...props }: ButtonProps) {
  const { t } = useTranslation();
  return (
    <RACButton
      {...props}
      type={isPending ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      aria-disabled={isPending || undefined}
      className={withClass(`ui-button ui-button--${variant}${isPending ? ' ui-button--pending' : ''}`, className)}
    >
      {composeRenderProps(children, (content) => (
        <>
          {isPending && <ProgressBar isIndeterminate aria-label={t('ui.loading')} className="ui-spinner" />}
          <span className="ui-button__label">{content}</span>
        </>
      ))}
    </RACButton>
  );
}
