import {
  Cell as RACCell,
  Column as RACColumn,
  Row as RACRow,
  Table as RACTable,
  TableBody as RACTableBody,
  TableHeader as RACTableHeader,
  type CellProps,
  type ColumnProps,
  type RowProps,
  type TableBodyProps,
  type TableHeaderProps,
  type TableProps,
} from 'react-aria-components';
import { withClass } from './class-names';
import './table.css';

/**
 * RAC's grid-navigable table. Wrapped in a scroll box: data tables may scroll sideways on a
 * phone (a WCAG reflow exception) while the page itself never does. Give it aria-label(ledby).
 */
export function Table({ className, ...props }: TableProps) {
  return (
    <div className="ui-table-scroll">
      <RACTable {...props} className={withClass('ui-table', className)} />
    </div>
  );
}

export function TableHeader<T extends object>({ className, ...props }: TableHeaderProps<T>) {
  return <RACTableHeader {...props} className={withClass('ui-table__header', className)} />;
}

export function Column({ className, ...props }: ColumnProps) {
  return <RACColumn {...props} className={withClass('ui-table__column', className)} />;
}

export function TableBody<T extends object>({ className, ...props }: TableBodyProps<T>) {
  return <RACTableBody {...props} className={withClass('ui-table__body', className)} />;
}

export function Row<T extends object>({ className, ...props }: RowProps<T>) {
  return <RACRow {...props} className={withClass('ui-table__row', className)} />;
}

export function Cell({ className, ...props }: CellProps) {
  return <RACCell {...props} className={withClass('ui-table__cell', className)} />;
}
