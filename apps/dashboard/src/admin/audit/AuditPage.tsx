import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../app/hooks.ts';
import type { PageProps } from '../../app/page.ts';
import { requestErrorText } from '../../auth/error-text.ts';
import { NoPermission } from '../../auth/Forbidden.tsx';
import { useScopeNames } from '../../auth/useScopeNames.ts';
import { ExportButtons } from '../../exports/ExportButtons.tsx';
import { formatDateTimeSeconds } from '../../format/format.ts';
import { HttpError } from '../../queries/http.ts';
import { auditQueryOptions } from '../admin.queries.ts';
import { useScopeOptions } from '../scope/useScopeOptions.ts';
import { actionLabel, AUDIT_ACTIONS, auditExport, auditPath, badRange, type AuditSearch } from './audit.model.ts';
import { TextField } from '../../components/TextField.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { PANELS } from '../../panels/registry.tsx';
import { SCENES } from '../../scenes/scene-registry.ts';
import { auditTargetText, type PinAuditNames } from '../../wall-pin/pin-audit.ts';
import '../admin-i18n.ts';

/**
 * /admin/audit: the audit log by person, unit, action and period (the filters are in the URL), as
 * a table, and the same query as CSV (separator to choose) or XLSX, written by the server.
 */
export function AuditPage({ search, setSearch }: PageProps<AuditSearch>) {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const names = useScopeNames();
  const options = useScopeOptions();
  const [draft, setDraft] = useState<AuditSearch>(search);
  const invalid = badRange(search);
  const records = useQuery(auditQueryOptions(invalid ? null : auditPath(search)));
  if (records.error instanceof HttpError && records.error.status === 403) return <NoPermission />;
  // the wall's and the alert evaluator's records name their target in words (wall-pin/pin-audit.ts)
  const pinNames: PinAuditNames = {
    t: (key, values) => t(key, values),
    panelTitle: (id) => (PANELS[id] ? t(PANELS[id].title) : null),
    sceneTitle: (id) => {
      const scene = SCENES.find((x) => x.id === id);
      return scene ? t(scene.title) : null;
    },
    area: (code) => names.area(code),
  };
  const set = (patch: Partial<AuditSearch>) => setDraft((d) => ({ ...d, ...patch }));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const clean = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
    setSearch(
      { actor: clean(draft.actor), unit: clean(draft.unit), action: clean(draft.action), from: clean(draft.from), to: clean(draft.to) },
      { replace: true },
    );
  };
  const clear = () => {
    setDraft({});
    setSearch({ actor: undefined, unit: undefined, action: undefined, from: undefined, to: undefined }, { replace: true });
  };
  const err = records.isError ? requestErrorText(records.error) : null;
  const data = records.data;
  return (
    <>
      <div className="adm-head">
        <h2 className="page-title">{t('access.audit.heading')}</h2>
        <ExportButtons request={invalid ? null : auditExport(search)} testIds={{ csv: 'audit-csv', xlsx: 'audit-xlsx', sep: 'audit-sep' }} />
      </div>
      <form className="adm-filters" onSubmit={apply} data-testid="audit-filters">
        <TextField
          label={t('access.audit.actor')}
          value={draft.actor ?? ''}
          placeholder={t('access.audit.actorHint')}
          onChange={(actor) => set({ actor })}
          testId="audit-actor"
        />
        <label className="ioc-field">
          <span className="ioc-label">{t('access.audit.unit')}</span>
          <select className="ioc-select" value={draft.unit ?? ''} onChange={(e) => set({ unit: e.target.value })} data-testid="audit-unit">
            <option value="">{t('access.audit.anyUnit')}</option>
            {options.units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="ioc-field">
          <span className="ioc-label">{t('access.audit.action')}</span>
          <select className="ioc-select" value={draft.action ?? ''} onChange={(e) => set({ action: e.target.value })} data-testid="audit-action">
            {AUDIT_ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {t(a.label)}
              </option>
            ))}
          </select>
        </label>
        <TextField label={t('access.audit.from')} type="date" value={draft.from ?? ''} onChange={(from) => set({ from })} testId="audit-from" />
        <TextField label={t('access.audit.to')} type="date" value={draft.to ?? ''} onChange={(to) => set({ to })} testId="audit-to" />
        <div className="adm-actions">
          <button type="submit" className="btn btn-primary" data-testid="audit-apply">
            {t('access.audit.apply')}
          </button>
          <button type="button" className="btn btn-quiet" onClick={clear}>
            {t('access.audit.clear')}
          </button>
        </div>
      </form>
      {invalid && <div className="ioc-error">{t('access.audit.badRange')}</div>}
      {err && <div className="ioc-error">{t(err.key, err.params)}</div>}
      {data && data.truncated && <div className="adm-sub">{t('access.audit.truncated', { count: data.records.length })}</div>}
      {!data ? (
        !invalid && !err && <div className="adm-empty">{t('access.loading')}</div>
      ) : data.records.length === 0 ? (
        <div className="adm-empty" data-testid="audit-empty">
          {t('access.audit.empty')}
        </div>
      ) : (
        <table className="adm-table" data-testid="audit-table" data-count={data.records.length}>
          <TableHead prefix="access.audit.col" columns={['at', 'actor', 'action', 'target', 'unit', 'ip']} />
          <tbody>
            {data.records.map((r) => {
              const label = actionLabel(r.action);
              const target = auditTargetText(r, pinNames);
              return (
                <tr key={r.seq} data-testid="audit-row" data-action={r.action} data-actor={r.actor}>
                  <td className="num">{formatDateTimeSeconds(r.at, timeZone)}</td>
                  <td>
                    <span className="mono">{r.actor}</span>
                    {r.actorRole && <span className="adm-sub">{t(`auth.role.${r.actorRole}`, { defaultValue: r.actorRole })}</span>}
                  </td>
                  <td>
                    {label ? t(label) : r.action}
                    <span className="adm-sub mono">{r.action}</span>
                  </td>
                  <td className={target === null ? 'mono' : undefined} data-testid="audit-target">
                    {target ?? r.target ?? '—'}
                  </td>
                  <td>{r.unit ? names.area(r.unit) : '—'}</td>
                  <td className="mono">{r.ip ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
