import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { requestErrorText } from '../auth/error-text.ts';
import { TableHead } from '../components/TableHead.tsx';

/**
 * The one loading / error / empty / rows switch of the admin lists: a list still loading says so,
 * a failed request says why in the server's words (never "loading" for ever), an empty list says
 * it is empty, and only then are the rows drawn.
 */
export function ListState<T>({
  query,
  emptyKey,
  children,
}: {
  query: { data?: readonly T[] | undefined; isError: boolean; error: unknown };
  emptyKey: string;
  children: (rows: readonly T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (!query.data) {
    const why = query.isError ? requestErrorText(query.error) : null;
    return <div className="adm-empty">{why ? t(why.key, why.params) : t('access.loading')}</div>;
  }
  if (query.data.length === 0) return <div className="adm-empty">{t(emptyKey)}</div>;
  return <>{children(query.data)}</>;
}

/** An admin list as a table: ListState's loading / error / empty switch, the headings, one row per item. */
export function ListTable<T>({
  query,
  emptyKey,
  testId,
  prefix,
  columns,
  row,
}: {
  query: { data?: readonly T[] | undefined; isError: boolean; error: unknown };
  emptyKey: string;
  testId: string;
  prefix: string;
  columns: readonly string[];
  row: (item: T) => ReactNode;
}) {
  return (
    <ListState query={query} emptyKey={emptyKey}>
      {(rows) => (
        <table className="adm-table" data-testid={testId}>
          <TableHead prefix={prefix} columns={columns} />
          <tbody>{rows.map(row)}</tbody>
        </table>
      )}
    </ListState>
  );
}
