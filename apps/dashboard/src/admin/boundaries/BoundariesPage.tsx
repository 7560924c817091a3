import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../app/hooks.ts';
import { formatDateTime } from '../../format/format.ts';
import { indexUnits } from '../../geo/units.ts';
import { areasQuery, GEO_KEY } from '../../queries/geo.queries.ts';
import { getJson } from '../../queries/http.ts';
import { readVersions, uploadBoundaries, type UploadOutcome } from './boundaries.api.ts';
import { BoundaryReportView } from './BoundaryReportView.tsx';
import { Field } from '../../components/fields.tsx';
import { TableHead } from '../../components/TableHead.tsx';

const versionsQuery = {
  queryKey: ['admin', 'boundaries'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) => getJson<unknown>('/api/v1/admin/boundaries', signal),
};

/**
 * /admin/boundaries: an administrator uploads the city's official boundaries (GeoJSON, TopoJSON
 * or a zipped Shapefile), reads the server's report — matched, unmatched, duplicated and missing
 * units, areas against the registry, every feature's problems — and only then commits. A commit
 * is whole or nothing; the maps re-read their shapes at once.
 */
export function BoundariesPage() {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const queryClient = useQueryClient();
  const units = indexUnits(useQuery(areasQuery()).data);
  const versions = useQuery({ ...versionsQuery, retry: false });
  const list = useMemo(() => readVersions(versions.data), [versions.data]);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  const [outcome, setOutcome] = useState<(UploadOutcome & { dryRun: boolean }) | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'commit');
    try {
      const o = await uploadBoundaries(file, dryRun);
      setOutcome({ ...o, dryRun });
      if (o.kind === 'report' && o.committed) {
        // the wall and the analyst map draw the new shapes now, not at their next refresh
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: GEO_KEY }),
          queryClient.invalidateQueries({ queryKey: ['analyst', 'children'] }),
          queryClient.invalidateQueries({ queryKey: versionsQuery.queryKey }),
        ]);
      }
    } catch (e) {
      setOutcome({ kind: 'error', status: 0, code: 'network', message: e instanceof Error ? e.message : String(e), dryRun });
    } finally {
      setBusy(null);
    }
  };

  const checked = outcome?.kind === 'report' && outcome.dryRun ? outcome.report : null;
  const canCommit = file !== null && checked?.ok === true && busy === null;
  return (
    <section className="bd-page" data-testid="boundaries-page">
      <h2 className="page-title">{t('boundaries.heading')}</h2>
      <p className="op-note">{t('boundaries.intro')}</p>
      <div className="op-toolbar">
        <Field label={t('boundaries.file')}>
          <input
            ref={input}
            type="file"
            accept=".geojson,.json,.topojson,.zip,application/json,application/geo+json,application/zip"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
            data-testid="boundary-file"
          />
        </Field>
        <button type="button" className="btn" disabled={!file || busy !== null} onClick={() => void send(true)} data-testid="boundary-check">
          {busy === 'check' ? t('boundaries.checking') : t('boundaries.check')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!canCommit} onClick={() => void send(false)} data-testid="boundary-commit">
          {busy === 'commit' ? t('boundaries.committing') : t('boundaries.commit')}
        </button>
      </div>
      {file && !checked && outcome === null && <p className="op-note">{t('boundaries.checkFirst')}</p>}

      {outcome?.kind === 'error' && (
        <div className="empty-state error" role="alert" data-testid="boundary-error" data-code={outcome.code}>
          {t(outcome.status === 401 || outcome.status === 403 ? 'boundaries.forbidden' : outcome.status === 413 ? 'boundaries.tooLarge' : 'boundaries.failed', {
            code: outcome.code,
            message: outcome.message,
          })}
        </div>
      )}
      {outcome?.kind === 'report' && outcome.committed && (
        <div className="empty-state good" role="status" data-testid="boundary-committed" data-version={outcome.version ?? undefined}>
          {t('boundaries.committed', { count: outcome.report.matched.length })}
        </div>
      )}
      {outcome?.kind === 'report' && !outcome.dryRun && !outcome.committed && (
        <div className="empty-state error" role="alert" data-testid="boundary-refused">
          {t('boundaries.refused')}
        </div>
      )}
      {outcome?.kind === 'report' && <BoundaryReportView report={outcome.report} units={units} />}

      <h3 className="ex-sub">{t('boundaries.versions')}</h3>
      {versions.isError ? (
        <p className="op-note">{t('boundaries.versionsError')}</p>
      ) : list.length === 0 ? (
        <p className="op-note" data-testid="boundary-versions-empty">
          {t('boundaries.noVersions')}
        </p>
      ) : (
        <table className="an-table" data-testid="boundary-versions">
          <TableHead prefix="boundaries.col" columns={['version', 'at', 'features', 'by']} />
          <tbody>
            {list.map((v) => (
              <tr key={v.version} className={v.current ? 'current' : undefined} data-current={v.current ? 'true' : undefined}>
                <td>
                  {v.version}
                  {v.current && <span className="bd-current">{t('boundaries.current')}</span>}
                </td>
                <td>{formatDateTime(v.at, timeZone)}</td>
                <td className="num">{v.features ?? '—'}</td>
                <td>{v.by ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
