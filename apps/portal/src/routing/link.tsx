import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './location';

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
}

/** A plain click on a same-origin link, with no modifier keys: the one we handle client-side. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    (!event.currentTarget.target || event.currentTarget.target === '_self')
  );
}

/**
 * A native `<a>` that navigates through our History-API router without a page load. Used by the
 * shell and the start page so react-aria-components stays out of the first download; modified
 * clicks (new tab, new window) and external links keep the browser's behaviour. Pages that load
 * RAC anyway use the design-system Link (ui/link), wired to the same router in AppProviders.
 */
export function Link({ href, className, onClick, ...props }: LinkProps) {
  return (
    <a
      {...props}
      href={href}
      className={className ? `ui-link ${className}` : 'ui-link'}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event) || !href.startsWith('/') || href.startsWith('//')) return;
        event.preventDefault();
        navigate(href);
      }}
    />
  );
}
