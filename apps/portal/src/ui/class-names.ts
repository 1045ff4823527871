import { composeRenderProps } from 'react-aria-components';

/** Our base class first, then the caller's (string or RAC render-props function). */
export function withClass<T>(base: string, className: string | ((values: T & { defaultClassName: string | undefined }) => string) | undefined) {
  return composeRenderProps(className, (extra) => (extra ? `${base} ${extra}` : base));
}
