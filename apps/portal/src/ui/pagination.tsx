import { useTranslation } from 'react-i18next';
import { Link } from './link';
import './pagination.css';

export interface PaginationProps {
  /** 1-based current page. */
  page: number;
  pageCount: number;
  /** The URL of a page, so every page is a real, shareable link (works without JS and in new tabs). */
  hrefFor: (page: number) => string;
}

/** Pages to show: first, last, and the current one with a neighbour each side; null = a gap. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const pages = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...pages].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1] > 1 ? [null, p] : [p]));
}

/**
 * A <nav> of links with aria-current="page" on the current one. Few items so it fits 320 px;
 * "previous"/"next" are words, not just arrows, for learners unsure of icons.
 */
export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  const { t, i18n } = useTranslation();
  if (pageCount <= 1) return null;
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <nav className="ui-pagination" aria-label={t('ui.pagination.label')}>
      <ul role="list">
        {page > 1 && (
          <li>
            <Link href={hrefFor(page - 1)} className="ui-pagination__step" rel="prev">
              <span aria-hidden="true">‹ </span>
              {t('ui.pagination.previous')}
            </Link>
          </li>
        )}
        {pageWindow(page, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="ui-pagination__gap">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={hrefFor(p)}
                className="ui-pagination__page"
                aria-current={p === page ? 'page' : undefined}
                aria-label={t('ui.pagination.page', { page: number.format(p) })}
              >
                {number.format(p)}
              </Link>
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <Link href={hrefFor(page + 1)} className="ui-pagination__step" rel="next">
              {t('ui.pagination.next')}
              <span aria-hidden="true"> ›</span>
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
