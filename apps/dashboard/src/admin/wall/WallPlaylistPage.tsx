import { WALL_DWELL_MAX_SECONDS, WALL_DWELL_MIN_SECONDS, type WallPlaylist, type WallScene } from '@cityioc/contracts';
import { DEFAULT_WALL_PLAYLIST, playlistProblems } from '@cityioc/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue } from '../../app/hooks.ts';
import { NoPermission } from '../../auth/Forbidden.tsx';
import { formatDateTime } from '../../format/format.ts';
import { PANELS } from '../../panels/registry.tsx';
import { api, HttpError } from '../../queries/http.ts';
import { WALL_PLAYLIST_KEY, wallPlaylistQuery } from '../../queries/wall.queries.ts';
import { SCENE_TEXT, sceneIdOf } from '../../scenes/scene-registry.ts';
import { Options } from '../../components/fields.tsx';
import { RequestError } from '../form-parts.tsx';
import '../admin-i18n.ts';
import { addPanel, moveScene, panelsFree, removePanel, setDwell, setEnabled, setPanelSize, sizeOf, sizeValue, type Scenes } from './playlist-editor.model.ts';
import './wall-admin.css';

const SIZES = ['default', 'auto', 'fill', '2', '3'] as const;
const savePlaylist = (scenes: Scenes) => api.send<WallPlaylist>('PUT', '/api/v1/wall/playlist', { body: { scenes: [...scenes] } });

/**
 * /admin/wall: the wall's playlist. Scenes in order (up/down), shown or not, their dwell, and each
 * scene's panels per column with their height; a panel of the registry can be added to a column or
 * removed. "Khôi phục mặc định" loads the built-in playlist into the form; saving stores a version
 * that running walls apply at their next scene switch.
 */
export function WallPlaylistPage() {
  const { t } = useTranslation();
  const { timeZone } = useCatalogue();
  const qc = useQueryClient();
  const stored = useQuery(wallPlaylistQuery());
  const [draft, setDraft] = useState<Scenes | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: savePlaylist,
    onSuccess: (p) => {
      qc.setQueryData(WALL_PLAYLIST_KEY, p);
      setDraft(null);
      setNote(t('wallcfg.saved', { version: p.version }));
    },
  });
  if (stored.error instanceof HttpError && stored.error.status === 403) return <NoPermission />;
  const scenes: Scenes = draft ?? stored.data?.scenes ?? [];
  const edit = (next: Scenes) => {
    setDraft(next);
    setNote(null);
    save.reset();
  };
  const name = (s: WallScene) => {
    const id = sceneIdOf(s.id);
    return id ? t(SCENE_TEXT[id].title) : s.id;
  };
  const panelName = (id: string) => (PANELS[id] ? `${t(PANELS[id].title)} (${id})` : id);
  const problems = draft ? playlistProblems({ scenes: [...draft] }) : [];
  const meta = stored.data;

  return (
    <>
      <div className="adm-head">
        <h2 className="page-title">{t('wallcfg.heading')}</h2>
      </div>
      <p className="adm-sub">{t('wallcfg.intro')}</p>
      {meta && (
        <p className="adm-sub" data-testid="wallcfg-version">
          {meta.version === 0
            ? t('wallcfg.versionDefault')
            : t('wallcfg.version', { version: meta.version, time: formatDateTime(meta.updatedAt, timeZone), by: meta.updatedBy ?? '' })}
        </p>
      )}
      <RequestError error={stored.error} />
      <table className="adm-table wallcfg-table" data-testid="wallcfg-table">
        <thead>
          <tr>
            <th>{t('wallcfg.order')}</th>
            <th>{t('wallcfg.scene')}</th>
            <th>{t('wallcfg.enabled')}</th>
            <th>{t('wallcfg.dwell')}</th>
            <th>{t('wallcfg.layout')}</th>
          </tr>
        </thead>
        <tbody>
          {scenes.map((s, i) => (
            <Fragment key={s.id}>
              <tr data-testid={`wallcfg-scene-${s.id}`} className={s.enabled ? undefined : 'is-off'}>
                <td className="wallcfg-order">
                  <span className="num">{i + 1}</span>
                  <button
                    type="button"
                    className="btn btn-quiet"
                    disabled={i === 0}
                    onClick={() => edit(moveScene(scenes, i, -1))}
                    aria-label={t('wallcfg.moveUp', { name: name(s) })}
                    data-testid={`wallcfg-up-${s.id}`}
                  >
                    ↑ {t('wallcfg.up')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-quiet"
                    disabled={i === scenes.length - 1}
                    onClick={() => edit(moveScene(scenes, i, 1))}
                    aria-label={t('wallcfg.moveDown', { name: name(s) })}
                    data-testid={`wallcfg-down-${s.id}`}
                  >
                    ↓ {t('wallcfg.down')}
                  </button>
                </td>
                <td>
                  <b>{name(s)}</b> <span className="mono">{s.id}</span>
                </td>
                <td>
                  <input
                    type="checkbox"
                    className="ioc-check"
                    checked={s.enabled}
                    onChange={() => edit(setEnabled(scenes, i, !s.enabled))}
                    aria-label={`${t('wallcfg.enabled')}: ${name(s)}`}
                    data-testid={`wallcfg-enabled-${s.id}`}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    className="ioc-input wallcfg-dwell"
                    min={WALL_DWELL_MIN_SECONDS}
                    max={WALL_DWELL_MAX_SECONDS}
                    step={1}
                    value={Number.isFinite(s.dwellSeconds) ? s.dwellSeconds : ''}
                    onChange={(e) => edit(setDwell(scenes, i, e.target.value))}
                    aria-label={`${t('wallcfg.dwell')}: ${name(s)}`}
                    aria-invalid={problems.some((p) => p.item === i && p.reason === 'dwell_out_of_range') || undefined}
                    data-testid={`wallcfg-dwell-${s.id}`}
                  />
                </td>
                <td>
                  <button type="button" className="btn btn-quiet" onClick={() => setOpen(open === s.id ? null : s.id)} data-testid={`wallcfg-layout-${s.id}`}>
                    {open === s.id ? t('wallcfg.hideLayout') : t('wallcfg.showLayout')}
                  </button>
                </td>
              </tr>
              {open === s.id && (
                <tr className="wallcfg-layout-row">
                  <td colSpan={5}>
                    <SceneLayoutEditor scene={s} index={i} scenes={scenes} onChange={edit} panelName={panelName} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {problems.length > 0 && (
        <div className="ioc-error" role="alert" data-testid="wallcfg-problems">
          {t('wallcfg.problems')}
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}-${p.reason}`}>{t(`wallcfg.problem.${p.reason}`, { scene: p.item === null ? '' : name(scenes[p.item]!) })}</li>
            ))}
          </ul>
        </div>
      )}
      <RequestError error={save.error} testId="wallcfg-error" />
      {note && (
        <div className="wallcfg-note" role="status" data-testid="wallcfg-note">
          {note}
        </div>
      )}
      <div className="adm-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!draft || problems.length > 0 || save.isPending}
          onClick={() => draft && save.mutate(draft)}
          data-testid="wallcfg-save"
        >
          {save.isPending ? t('access.saving') : t('access.save')}
        </button>
        <button
          type="button"
          className="btn btn-quiet"
          onClick={() => {
            edit(DEFAULT_WALL_PLAYLIST.scenes);
            setNote(t('wallcfg.resetDone'));
          }}
          data-testid="wallcfg-reset"
        >
          {t('wallcfg.reset')}
        </button>
        {draft && <span className="tag tag-warn">{t('wallcfg.unsaved')}</span>}
      </div>
    </>
  );
}

function SceneLayoutEditor({
  scene,
  index,
  scenes,
  onChange,
  panelName,
}: {
  scene: WallScene;
  index: number;
  scenes: Scenes;
  onChange: (next: Scenes) => void;
  panelName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const free = panelsFree(scene);
  return (
    <div className="wallcfg-layout" data-testid={`wallcfg-columns-${scene.id}`}>
      {scene.head && <div className="adm-sub">{t('wallcfg.head', { panel: panelName(scene.head) })}</div>}
      <div className="wallcfg-columns" style={{ gridTemplateColumns: scene.columns.map((c) => `minmax(0, ${c.width}fr)`).join(' ') }}>
        {scene.columns.map((c, k) => (
          <div key={k} className="adm-panel wallcfg-column">
            <div className="adm-panel-title">{t('wallcfg.column', { n: k + 1 })}</div>
            <ul className="wallcfg-panels">
              {c.panels.map((p) => (
                <li key={p.panel} data-testid={`wallcfg-panel-${scene.id}-${p.panel}`}>
                  <span className="wallcfg-panel-name">{panelName(p.panel)}</span>
                  <select
                    className="ioc-select"
                    value={sizeValue(p.size)}
                    onChange={(e) => onChange(setPanelSize(scenes, index, k, p.panel, sizeOf(e.target.value)))}
                    aria-label={`${t('wallcfg.size')}: ${panelName(p.panel)}`}
                  >
                    <Options values={SIZES} label={(v) => t(`wallcfg.sizes.${v}`)} />
                  </select>
                  <button
                    type="button"
                    className="btn btn-quiet"
                    onClick={() => onChange(removePanel(scenes, index, k, p.panel))}
                    aria-label={t('wallcfg.removePanel', { panel: panelName(p.panel), n: k + 1 })}
                  >
                    {t('wallcfg.remove')}
                  </button>
                </li>
              ))}
            </ul>
            {free.length > 0 && (
              <select
                className="ioc-select"
                value=""
                onChange={(e) => e.target.value && onChange(addPanel(scenes, index, k, e.target.value))}
                aria-label={t('wallcfg.add', { n: k + 1 })}
              >
                <option value="">{t('wallcfg.addNone')}</option>
                <Options values={free} label={panelName} />
              </select>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
