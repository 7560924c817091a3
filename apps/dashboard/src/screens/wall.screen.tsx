import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstData, useCatalogue } from '../app/hooks.ts';
import type { PageProps } from '../app/page.ts';
import { runtimeConfig } from '../config.ts';
import type { WallPeriod } from '../panels/panel.ts';
import { PANELS } from '../panels/registry.tsx';
import { useClock, useLiveClient } from '../realtime/RealtimeProvider.tsx';
import { useWallWatchdog } from '../realtime/useWallWatchdog.ts';
import { SceneIndicator } from '../scenes/SceneIndicator.tsx';
import { SCENES, scenesOf, type SceneDef, type SceneId } from '../scenes/scene-registry.ts';
import { mountedScenes, playlistToShow, scenePlan, screenSceneAt } from '../scenes/scene-rotation.ts';
import { useWallPlaylist } from '../scenes/useWallPlaylist.ts';
import { SceneView } from '../scenes/SceneView.tsx';
import type { WallSearch } from '../scenes/wall-state.ts';
import { Header } from '../shell/Header.tsx';
import { OfflineBanner } from '../shell/OfflineBanner.tsx';
import { RecoveryNote } from '../shell/RecoveryNote.tsx';
import { PinOverlay, preloadPinViews } from '../wall-pin/PinOverlay.tsx';
import { useWallPin } from '../wall-pin/useWallPin.ts';
import { heldScene, wallOf } from '../wall-pin/wall-pin.model.ts';

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
  const [startedAt] = useState(now);
  const scenes = useShownScenes(search, now, startedAt);
  const plan = useMemo(() => scenePlan(search, runtimeConfig().sceneSeconds, scenes), [search, scenes]);
  // briefing mode: a leader's pin holds a scene, or draws a panel, a unit or an alert over the wall
  const wall = wallOf(search.wall);
  const { pin: briefing, left } = useWallPin(wall);
  const state = heldScene(plan, briefing) ?? screenSceneAt(plan, now, startedAt, search.of);
  const current = scenes.find((s) => s.id === state.scene);
  const mounted = mountedScenes(plan, state, warm);

  const setPeriod = useCallback((period: WallPeriod) => setSearch({ period }, { replace: true }), [setSearch]);
  const pin = useCallback((scene: SceneId | null) => setSearch({ scene: scene ?? undefined }, { replace: true }), [setSearch]);
  const ctx = useMemo(() => ({ period: search.period, now, timeZone, setPeriod }), [search.period, now, timeZone, setPeriod]);

  // briefing mode's views (a pinned unit, a pinned alert) fetched when the wall is idle after its first data
  useEffect(() => {
    if (!warm) return;
    const run = () => void preloadPinViews().catch((err: unknown) => console.warn('[pin] preload failed', err));
    if (typeof window.requestIdleCallback !== 'function') {
      const t = window.setTimeout(run, 200);
      return () => window.clearTimeout(t);
    }
    const id = window.requestIdleCallback(run, { timeout: 5000 });
    return () => window.cancelIdleCallback(id);
  }, [warm]);

  // A scene's reads start with its code, not after it: one round trip less before it has data.
  const mountedKey = mounted.join(',');
  useEffect(() => {
    if (!warm) return;
    const at = { period: search.period, now: Date.now(), timeZone };
    for (const scene of scenes) {
      if (!mountedKey.split(',').includes(scene.id)) continue;
      const ids = [...(scene.head ? [scene.head] : []), ...scene.columns.flatMap((c) => c.panels.map((p) => p.panel))];
      for (const id of ids) for (const q of PANELS[id]?.queries(at) ?? []) void queryClient.prefetchQuery(q);
    }
  }, [warm, mountedKey, search.period, timeZone, queryClient, scenes]);

  return (
    <div
      className={`wall${offline ? ' is-offline' : ''}${search.kiosk ? ' is-kiosk' : ''}`}
      data-testid="wall"
      data-scene={state.scene}
      data-kiosk={search.kiosk}
      data-screen={`${search.screen}/${search.of}`}
      data-switch-at={state.nextInMs === null ? undefined : now + state.nextInMs}
      data-pin={briefing?.id}
    >
      {!search.kiosk && (
        <Header timeZone={timeZone} subtitle={current?.subtitle ? t(current.subtitle) : undefined}>
          <SceneIndicator plan={plan} state={state} onPin={pin} />
        </Header>
      )}
      <OfflineBanner />
      {briefing && <PinOverlay pin={briefing} left={left} wall={wall} ctx={ctx} />}
      <RecoveryNote />
      {index ? (
        <div className="scenes">
          {scenes
            .filter((s) => mounted.includes(s.id))
            .map((s) => (
              <SceneView key={s.id} scene={s} active={s.id === state.scene} warm={warm} ctx={ctx} screen={search.screen} of={search.of} />
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

/**
 * The scenes of the playlist this wall shows: the built-in default until the server's playlist is
 * read, then the server's; a playlist stored while the wall runs takes over at the next scene switch
 * of the one in force (playlistToShow), without a reload.
 */
function useShownScenes(search: WallSearch, now: number, startedAt: number): readonly SceneDef[] {
  const latest = useWallPlaylist();
  const inForce = useRef<{ version: number; scenes: readonly SceneDef[] } | null>(null);
  const prevNow = useRef(now);
  const latestScenes = useMemo(() => (latest ? { version: latest.version, scenes: scenesOf(latest.scenes) } : null), [latest]);
  let shown = inForce.current;
  if (latestScenes && latestScenes.scenes.length > 0) {
    const plan = scenePlan(search, runtimeConfig().sceneSeconds, shown?.scenes ?? SCENES);
    shown = playlistToShow(shown, latestScenes, plan, prevNow.current, now, search.of > 1 ? undefined : startedAt);
  }
  // remembered once drawn: the next render compares its clock with this one
  useEffect(() => {
    prevNow.current = now;
    inForce.current = shown;
  });
  return shown?.scenes ?? SCENES;
}
