import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstData, useCatalogue } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { runtimeConfig } from '../config.ts';
import type { WallPeriod } from '../panels/panel.ts';
import { PANELS } from '../panels/registry.tsx';
import { useClock, useLiveClient } from '../realtime/RealtimeProvider.tsx';
import { useWallWatchdog } from '../realtime/useWallWatchdog.ts';
import { SceneIndicator } from '../scenes/SceneIndicator.tsx';
import { SCENES, type SceneId } from '../scenes/scene-registry.ts';
import { mountedScenes, sceneAt, scenePlan } from '../scenes/scene-rotation.ts';
import { SceneView } from '../scenes/SceneView.tsx';
import type { WallSearch } from '../scenes/wall-state.ts';
import { Header } from '../shell/Header.tsx';
import { OfflineBanner } from '../shell/OfflineBanner.tsx';
import { RecoveryNote } from '../shell/RecoveryNote.tsx';

/**
 * The 16:9 wall: the scenes of scenes/scene-registry.ts in rotation (scene-rotation.ts), each
 * drawn from its panels. The first scene is mounted at once; the others once the first data is
 * on screen, their reads started at the same time as their code. Once shown, a scene stays
 * mounted (hidden but laid out), so a switch never re-creates the map or the charts.
 */
export function WallScreen({ search, setSearch }: PageProps<WallSearch>) {
  const { t } = useTranslation();
  const { index, timeZone, error } = useCatalogue();
  const { now, offline } = useClock();
  const warm = useAfterFirstData();
  // heartbeats watched: re-subscribe, reload as a last resort, and say so (realtime/watchdog.ts)
  useWallWatchdog(useLiveClient());
  const queryClient = useQueryClient();
  const plan = useMemo(() => scenePlan(search, runtimeConfig().sceneSeconds), [search]);
  const [startedAt] = useState(now);
  const state = sceneAt(plan, now, startedAt);
  const current = SCENES.find((s) => s.id === state.scene);
  const mounted = mountedScenes(plan, state, warm);

  const setPeriod = useCallback((period: WallPeriod) => setSearch({ period }, { replace: true }), [setSearch]);
  const pin = useCallback((scene: SceneId | null) => setSearch({ scene: scene ?? undefined }, { replace: true }), [setSearch]);
  const ctx = useMemo(() => ({ period: search.period, now, timeZone, setPeriod }), [search.period, now, timeZone, setPeriod]);

  // A scene's reads start with its code, not after it: one round trip less before it has data.
  const mountedKey = mounted.join(',');
  useEffect(() => {
    if (!warm) return;
    const at = { period: search.period, now: Date.now(), timeZone };
    for (const scene of SCENES) {
      if (!mountedKey.split(',').includes(scene.id)) continue;
      const ids = [...(scene.head ? [scene.head] : []), ...scene.columns.flatMap((c) => c.panels.map((p) => p.panel))];
      for (const id of ids) for (const q of PANELS[id]?.queries(at) ?? []) void queryClient.prefetchQuery(q);
    }
  }, [warm, mountedKey, search.period, timeZone, queryClient]);

  return (
    <div
      className={`wall${offline ? ' is-offline' : ''}${search.kiosk ? ' is-kiosk' : ''}`}
      data-testid="wall"
      data-scene={state.scene}
      data-kiosk={search.kiosk}
    >
      {!search.kiosk && (
        <Header timeZone={timeZone} subtitle={current?.subtitle ? t(current.subtitle) : undefined}>
          <SceneIndicator plan={plan} state={state} onPin={pin} />
        </Header>
      )}
      <OfflineBanner />
      <RecoveryNote />
      {index ? (
        <div className="scenes">
          {SCENES.filter((s) => mounted.includes(s.id)).map((s) => (
            <SceneView key={s.id} scene={s} active={s.id === state.scene} warm={warm} ctx={ctx} />
          ))}
        </div>
      ) : (
        <main className="wall-body wall-loading">
          <div className="loading-box">{error ? t('app.loadError') : t('app.loading')}</div>
        </main>
      )}
    </div>
  );
}
