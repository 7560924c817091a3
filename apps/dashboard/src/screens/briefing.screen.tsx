import type { WallPinTarget } from '@cityioc/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageProps } from '../app/page.ts';
import { SegmentedField } from '../components/fields.tsx';
import { PANELS } from '../panels/registry.tsx';
import { SCENES } from '../scenes/scene-registry.ts';
import { ToolbarPage } from '../shell/ToolbarPage.tsx';
import { PinButton } from '../wall-pin/PinButton.tsx';
import { usePinLabel } from '../wall-pin/usePinLabel.ts';
import { usePinActions, useWallPin } from '../wall-pin/useWallPin.ts';
import { DEFAULT_PIN_MINUTES, PIN_MINUTES, wallOf } from '../wall-pin/wall-pin.model.ts';
import '../wall-pin/wall-pin.css';

/** The head panels are title bars of their scenes: pinned, they would show a title alone. */
const PINNABLE_PANELS = Object.entries(PANELS).filter(([id]) => !id.endsWith('-head'));

/**
 * The leader's briefing page (tablet): what the wall shows now with "Bỏ ghim", how long a pin
 * stays, and every scene and panel by its Vietnamese title with "Ghim lên màn hình". Units are
 * pinned from the explorer, alerts from the alerts page and the wall's ticker.
 */
export function BriefingScreen(_props: PageProps<object>) {
  const { t } = useTranslation();
  const wall = wallOf(undefined);
  const { pin, left } = useWallPin(wall);
  const { release } = usePinActions(wall);
  const label = usePinLabel(pin?.target ?? null);
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
