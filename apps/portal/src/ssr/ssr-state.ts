import type { DehydratedState } from '@tanstack/react-query';
import { isLocale, SSR_STATE_ELEMENT_ID, type Locale } from '@baanrian/contracts';

/** What the server rendered with (src/ssr/start-page.server.tsx), handed to the browser inline. */
export interface SsrState {
  locale: Locale;
  url: string;
  queries: DehydratedState;
}

/** The server's state, when this page was server-rendered (not, e.g., the offline shell). */
export function readSsrState(doc: Document = document): SsrState | null {
  const text = doc.getElementById(SSR_STATE_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const state = JSON.parse(text) as Partial<SsrState>;
    return isLocale(state.locale) && typeof state.url === 'string' && state.queries ? (state as SsrState) : null;
  } catch {
    return null;
  }
}
