import { Link as RACLink, type LinkProps as RACLinkProps } from 'react-aria-components';
import { withClass } from './class-names';
import './button.css';

export interface LinkProps extends RACLinkProps {
  /** Look like a button (a navigation that reads as an action, e.g. "Back to the courses"). */
  variant?: 'inline' | 'button' | 'button-secondary';
}

/**
 * RAC's Link. Internal hrefs navigate client-side through the RouterProvider in AppProviders;
 * modified clicks (new tab, new window) and external links keep the browser's behaviour.
 */
export function Link({ variant = 'inline', className, ...props }: LinkProps) {
  const base =
    variant === 'inline' ? 'ui-link' : `ui-link ui-button ${variant === 'button' ? 'ui-button--primary' : 'ui-button--secondary'}`;
  return <RACLink {...props} className={withClass(base, className)} />;
}
