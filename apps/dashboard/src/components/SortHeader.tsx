import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A column heading that sorts its table: a button ("Sắp xếp theo …") with the arrow of the column's order
 * (▲ ascending, ▼ descending, ↕ not sorted by it), and aria-sort on the heading for assistive technology.
 */
export function SortHeader({
  label,
  dir,
  onSort,
  testId,
  className,
}: {
  label: string;
  /** How the table is sorted by this column now; null: by another one. */
  dir: 'asc' | 'desc' | null;
  onSort: () => void;
  testId: string;
  className?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <th scope="col" aria-sort={dir === null ? 'none' : dir === 'asc' ? 'ascending' : 'descending'} className={className}>
      <button
        type="button"
        className={dir ? 'sort-btn active' : 'sort-btn'}
        title={t('operator.sortBy', { column: label })}
        onClick={onSort}
        data-testid={testId}
      >
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {dir === null ? '↕' : dir === 'asc' ? '▲' : '▼'}
        </span>
      </button>
    </th>
  );
}

/** The keyboard side of a row that opens something on a click (a row with tabIndex 0): Enter or Space does the same. */
export function onActivateKey(action: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action();
    }
  };
}
