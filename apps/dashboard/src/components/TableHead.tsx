import { useTranslation } from 'react-i18next';

/**
 * The header row of a data table: one heading per column, each the i18n key `<prefix>.<column>`
 * (an empty column name is a blank heading, over an actions column).
 */
export function TableHead({ prefix, columns }: { prefix: string; columns: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col">
            {c ? t(`${prefix}.${c}`) : null}
          </th>
        ))}
      </tr>
    </thead>
  );
}
