import type { ReactNode } from 'react';

/** A titled section named by its heading, so screen-reader users can jump between components by heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="ds-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

