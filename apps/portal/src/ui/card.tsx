import type { HTMLAttributes } from 'react';
import './card.css';

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** `article` for self-contained items (a course), `section` for a titled group, `div` otherwise. */
  as?: 'article' | 'section' | 'div';
}

/** A bordered surface. Plain HTML (no RAC): cards are content, not widgets. */
export function Card({ as: Element = 'div', className, ...props }: CardProps) {
  return <Element {...props} className={className ? `ui-card ${className}` : 'ui-card'} />;
}
