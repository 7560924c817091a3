import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { requestErrorText } from '../auth/error-text.ts';

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
