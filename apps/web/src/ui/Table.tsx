import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type SortDirection = 'ascending' | 'descending';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Header cell is a sort button when true. */
  sortable?: boolean;
  /** Render the cells of this column as row headers (th scope=row). */
  rowHeader?: boolean;
  numeric?: boolean;
}

export interface TableSort {
  key: string;
  direction: SortDirection;
}

export interface TableProps<Row> {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  sort?: TableSort;
  onSort?: (key: string) => void;
  empty?: ReactNode;
  /** Visually hide the caption (it stays the table's accessible name). */
  hideCaption?: boolean;
}

export function Table<Row>({ caption, columns, rows, rowKey, sort, onSort, empty, hideCaption }: TableProps<Row>) {
  const { t } = useTranslation();
  const captionId = useId();
  // The wrapper scrolls sideways on narrow screens: it is a named, focusable region so keyboard
  // users can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable").
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className={hideCaption ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const ariaSort = column.sortable ? (active ? sort!.direction : 'none') : undefined;
              return (
                <th key={column.key} scope="col" aria-sort={ariaSort} className={column.numeric ? 'numeric' : undefined}>
                  {column.sortable && onSort ? (
                    <button type="button" className="table__sort" onClick={() => onSort(column.key)}>
                      {column.header}
                      <span aria-hidden="true" className="table__sort-icon">
                        {active ? (sort!.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                      <span className="visually-hidden">
                        {active
                          ? t(sort!.direction === 'ascending' ? 'table.sortedAscending' : 'table.sortedDescending')
                          : t('table.sortable')}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="table__empty">
                {empty ?? t('table.empty')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.key} scope="row" className={column.numeric ? 'numeric' : undefined}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.key} className={column.numeric ? 'numeric' : undefined}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
