import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../app/hooks.ts';
import { canExport } from '../auth/access.model.ts';
import { useSession } from '../auth/useSession.ts';
import { Field, Options } from '../components/fields.tsx';
import { runtimeConfig } from '../config.ts';
import { CSV_SEPARATORS, defaultSeparator, exportUrl, type CsvSeparator, type ExportRequest } from './export-url.ts';

/**
 * CSV and XLSX of what the page shows, written by the server (export-url.ts), with the CSV
 * separator to choose: ';' by default in Vietnamese, ',' in English. Only for sessions that may
 * export (the download carries the session cookie; the server writes the session's scope only).
 */
export function ExportButtons({ request, testIds }: { request: Omit<ExportRequest, 'lang'> | null; testIds: { csv: string; xlsx: string; sep: string } }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [picked, setPicked] = useState<CsvSeparator | null>(null);
  const { user } = useSession();
  // leaders and wall screens read; files are for operators, analysts and administrators (the server refuses the others)
  if (!canExport(user)) return null;
  const sep = picked ?? defaultSeparator(lang);
  const base = runtimeConfig().apiBaseUrl;
  const req = request ? { ...request, lang } : null;
  return (
    <div className="export-group" role="group" aria-label={t('export.label')}>
      <Field label={t('export.separator')} className="export-sep">
        <select value={sep} onChange={(e) => setPicked(e.target.value as CsvSeparator)} data-testid={testIds.sep}>
          <Options values={CSV_SEPARATORS} label={(s) => t(`export.sep.${s}`)} />
        </select>
      </Field>
      {req ? (
        <>
          <a className="btn" href={exportUrl(req, 'csv', sep, base)} download data-testid={testIds.csv}>
            {t('export.csv')}
          </a>
          <a className="btn btn-primary" href={exportUrl(req, 'xlsx', sep, base)} download data-testid={testIds.xlsx}>
            {t('export.xlsx')}
          </a>
        </>
      ) : (
        <>
          <span className="btn disabled" aria-disabled="true" data-testid={testIds.csv}>
            {t('export.csv')}
          </span>
          <span className="btn btn-primary disabled" aria-disabled="true" data-testid={testIds.xlsx}>
            {t('export.xlsx')}
          </span>
        </>
      )}
    </div>
  );
}
