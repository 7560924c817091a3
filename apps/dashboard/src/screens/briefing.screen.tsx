import type { WallPinTarget, WallSummary } from '@cityioc/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProps } from '../app/page.ts';
import { SegmentedField } from '../components/fields.tsx';
import { PANELS } from '../panels/registry.tsx';
import { SCENES } from '../scenes/scene-registry.ts';
import type { BriefingSearch } from '../wall-pin/briefing-state.ts';
import { chooseWall, usePinWall } from '../wall-pin/chosen-wall.ts';
import { wallLabel } from '../wall-pin/pin-audit.ts';
import { ToolbarPage } from '../shell/ToolbarPage.tsx';
import { PinButton } from '../wall-pin/PinButton.tsx';
import { usePinLabel } from '../wall-pin/usePinLabel.ts';
import { usePinActions, useWallPin } from '../wall-pin/useWallPin.ts';
import { DEFAULT_PIN_MINUTES, PIN_MINUTES } from '../wall-pin/wall-pin.model.ts';
import { wallsQuery } from '../wall-pin/wall-pin.queries.ts';
import '../wall-pin/wall-pin.css';

/** The head panels are title bars of their scenes: pinned, they would show a title alone. */
const PINNABLE_PANELS = Object.entries(PANELS).filter(([id]) => !id.endsWith('-head'));

/**
 * The leader's briefing page (tablet): which wall (the walls the server knows, with their open
 * screens: a choice when there are several, kept in this browser and in the URL), what that wall
 * shows now with "Bỏ ghim", how long a pin stays, and every scene and panel by its Vietnamese title
 * with "Ghim lên màn hình". Units are pinned from the explorer, alerts from the alerts page and the
 * wall's ticker: their buttons send to the wall chosen here.
 */
export function BriefingScreen({ search, setSearch }: PageProps<BriefingSearch>) {
  const { t } = useTranslation();
  const wall = usePinWall(search.wall);
  const walls = useQuery({ ...wallsQuery(), refetchInterval: 30_000 });
  const { pin, left } = useWallPin(wall);
  const { release } = usePinActions(wall);
  const label = usePinLabel(pin?.target ?? null);
  const pick = (w: string) => {
    chooseWall(w);
    setSearch({ wall: w }, { replace: true });
  };
  // a link naming a wall (/operator/briefing?wall=phong-hop) chooses it for the pin buttons of the other pages too
  useEffect(() => {
    if (search.wall !== undefined) chooseWall(search.wall);
  }, [search.wall]);
  const [minutes, setMinutes] = useState<string>(String(DEFAULT_PIN_MINUTES));
  const item = (target: WallPinTarget, title: string, key: string) => (
    <li key={key} className="briefing-item" data-testid={`briefing-${key}`}>
      <span>{title}</span>
      <PinButton target={target} wall={wall} minutes={Number(minutes)} />
    </li>
  );
  const toolbar = (
    <SegmentedField
      label={t('pin.page.ttl')}
      options={PIN_MINUTES.map(String)}
      value={minutes}
      onChange={setMinutes}
      optionLabel={(m) => t('pin.page.minutes', { count: Number(m) })}
      testId="briefing-ttl"
    />
  );

  return (
    <ToolbarPage subtitle={t('pin.page.subtitle')} heading={t('pin.page.heading')} testId="briefing-page" className="ex-main" toolbar={toolbar}>
      <WallPicker walls={walls.data?.walls ?? null} wall={wall} onPick={pick} />
      <h3 className="ex-sub">{t('pin.page.current')}</h3>
      <div className="briefing-current" data-testid="briefing-current" data-pin-id={pin?.id ?? ''}>
        {pin ? (
          <>
            <span>{`${label} · ${t('pin.banner', { by: pin.by, left })}`}</span>
            <button type="button" className="btn pin-release" onClick={() => release.mutate()} disabled={release.isPending} data-testid="briefing-release">
              {t('pin.release')}
            </button>
          </>
        ) : (
          <span>{t('pin.page.none')}</span>
        )}
      </div>
      <h3 className="ex-sub">{t('pin.page.scenes')}</h3>
      <ul className="briefing-list">{SCENES.map((s) => item({ kind: 'scene', scene: s.id }, t(s.title), `scene-${s.id}`))}</ul>
      <h3 className="ex-sub">{t('pin.page.panels')}</h3>
      <ul className="briefing-list">{PINNABLE_PANELS.map(([id, def]) => item({ kind: 'panel', panel: id }, t(def.title), `panel-${id}`))}</ul>
      <p className="op-note">{t('pin.page.hint')}</p>
    </ToolbarPage>
  );
}

/**
 * Which wall the page pins to. One wall: its name and open screens, and how another wall comes to be
 * (a screen opened with ?wall=…). Several: one button per wall with its screens, the chosen one pressed.
 */
function WallPicker({ walls, wall, onPick }: { walls: readonly WallSummary[] | null; wall: string; onPick: (w: string) => void }) {
  const { t } = useTranslation();
  const tr = (key: string, values?: Record<string, string | number>) => t(key, values);
  const shown = walls ?? [];
  const named = (w: WallSummary) => `${wallLabel(w.wall, tr)} · ${t('pin.walls.screens', { count: w.screens })}`;
  const only = shown.length === 1 ? shown[0]! : null;
  return (
    <div className="briefing-walls" data-testid="briefing-walls" data-wall={wall} data-count={walls?.length ?? ''}>
      <h3 className="ex-sub">{t('pin.walls.label')}</h3>
      {only ? (
        <>
          <p className="briefing-wall-one" data-testid="briefing-wall-one">
            {named(only)}
          </p>
          <p className="op-note">{t('pin.walls.oneHint')}</p>
        </>
      ) : shown.length > 1 ? (
        <div className="seg briefing-wall-choice" role="radiogroup" aria-label={t('pin.walls.label')}>
          {shown.map((w) => (
            <button
              key={w.wall}
              type="button"
              role="radio"
              aria-checked={w.wall === wall}
              className={w.wall === wall ? 'btn btn-primary' : 'btn'}
              onClick={() => onPick(w.wall)}
              data-testid={`briefing-wall-${w.wall}`}
            >
              {named(w)}
              {w.pin && <span className="briefing-wall-pinned">{` · ${t('pin.pinned')}`}</span>}
            </button>
          ))}
        </div>
      ) : (
        <p className="briefing-wall-one">{wallLabel(wall, tr)}</p>
      )}
    </div>
  );
}
