import type { WallPin } from '@cityioc/contracts';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/useSession.ts';
import type { PanelProps } from '../panels/panel.ts';
import { PANELS } from '../panels/registry.tsx';
import { usePinLabel } from './usePinLabel.ts';
import { usePinActions } from './useWallPin.ts';
import { canPin } from './wall-pin.model.ts';
import './wall-pin.css';

// the map comes with its own chunk, as on the wall; fetched at idle once the wall shows its first data (preloadPinViews)
const loadUnitPin = () => import('./UnitPin.tsx');
const loadAlertPin = () => import('./AlertPin.tsx');
const UnitPin = lazy(() => loadUnitPin().then((m) => ({ default: m.UnitPin })));
const AlertPin = lazy(() => loadAlertPin().then((m) => ({ default: m.AlertPin })));

/**
 * Fetches the chunks a pin draws (a unit's and an alert's views, their map), so that a pin shows
 * within a second of the push instead of waiting for them: the wall calls it when idle after its
 * first data. A later lazy() resolves from the module cache.
 */
export function preloadPinViews(): Promise<unknown> {
  return Promise.all([loadUnitPin(), loadAlertPin()]);
}

/**
 * What a wall shows while a briefing pin is in force: a banner across the top ("Đang ghim bởi … ·
 * còn mm:ss"), and under it, full screen, the pinned panel, unit (map and key figures) or alert
 * (its detail and its unit on the map). A pinned scene is held by the rotation itself, under the
 * banner. A leader looking at the wall on a tablet gets "Bỏ ghim" in the banner.
 */
export function PinOverlay({ pin, left, wall, ctx }: { pin: WallPin; left: string; wall: string } & PanelProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { release } = usePinActions(wall);
  const label = usePinLabel(pin.target);
  const frame = <section className="panel panel-loading" />;
  const Panel = pin.target.kind === 'panel' ? PANELS[pin.target.panel]?.component : undefined;
  return (
    <div className={`wall-pin wall-pin-${pin.target.kind}`} data-testid="wall-pin" data-pin-kind={pin.target.kind} data-pin-id={pin.id}>
      <div className="wall-pin-banner" role="status" data-testid="wall-pin-banner">
        <span className="wall-pin-icon" aria-hidden="true">
          📌
        </span>
        <span className="wall-pin-what">{label}</span>
        <span className="wall-pin-who" data-testid="wall-pin-countdown">
          {t('pin.banner', { by: pin.by, left })}
        </span>
        {canPin(user) && (
          <button type="button" className="btn wall-pin-release" onClick={() => release.mutate()} disabled={release.isPending} data-testid="wall-pin-release">
            {t('pin.release')}
          </button>
        )}
      </div>
      {pin.target.kind !== 'scene' && (
        <div className="wall-pin-body">
          <Suspense fallback={frame}>
            {pin.target.kind === 'panel' && Panel && (
              <div className="scene-cell wall-pin-panel" data-panel={pin.target.panel}>
                <Panel ctx={ctx} />
              </div>
            )}
            {pin.target.kind === 'unit' && <UnitPin code={pin.target.unitCode} ctx={ctx} />}
            {pin.target.kind === 'alert' && <AlertPin id={pin.target.alertId} ctx={ctx} />}
          </Suspense>
        </div>
      )}
    </div>
  );
}
