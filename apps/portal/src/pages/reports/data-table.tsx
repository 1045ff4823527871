import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import '../../ui/table.css';

export interface DataTableRow {
  key: string;
  /** The row's header cell (th scope=row): a month, a target group, a measure. */
  header: ReactNode;
  cells: ReactNode[];
}

export interface DataTableProps {
  caption: ReactNode;
  /** The first column's heading (what the rows are). */
  rowHeading: string;
  columns: string[];
  rows: DataTableRow[];
  /** Totals or notes under the rows (tfoot). */
  footer?: DataTableRow;
  className?: string;
}

/**
 * A plain, real <table> (caption, th scope) in the design system's table style: what a screen
 * reader's table commands and a copy-paste into a spreadsheet expect. Numbers are right-aligned
 * with tabular figures. On a phone a wide table scrolls inside its box (a WCAG reflow exception);
 * the box then becomes focusable, so it scrolls by keyboard too.
 */
export function DataTable({ caption, rowHeading, columns, rows, footer, className }: DataTableProps) {
  const captionId = useId();
  const box = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const check = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const line = (row: DataTableRow) => (
    <tr key={row.key}>
      <th scope="row" className="ui-table__cell reports-table__row-header">
        {row.header}
      </th>
      {row.cells.map((cell, i) => (
        <td key={i} className="ui-table__cell reports-table__number">
          {cell}
        </td>
      ))}
    </tr>
  );
  return (
    <div
      ref={box}
      className={className ? `reports-table ${className}` : 'reports-table'}
      role={overflowing ? 'region' : undefined}
      aria-labelledby={overflowing ? captionId : undefined}
      tabIndex={overflowing ? 0 : undefined}
    >
      <table className="ui-table">
        <caption id={captionId} className="reports-table__caption">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="ui-table__column">
              {rowHeading}
            </th>
            {columns.map((column) => (
              <th key={column} scope="col" className="ui-table__column reports-table__number">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(line)}</tbody>
        {footer && <tfoot className="reports-table__footer">{line(footer)}</tfoot>}
      </table>
    </div>
  );
}
