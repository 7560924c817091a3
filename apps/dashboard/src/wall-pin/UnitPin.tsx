import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useLang, useScopeCells } from '../app/hooks.ts';
import { ExplorerMap } from '../explorer/ExplorerMap.tsx';
import { splitGeo } from '../geo/geo-features.ts';
import { indexUnits } from '../geo/units.ts';
import { buildKpiTiles, OVERVIEW_KPIS } from '../panels/kpi-tiles/kpi-tiles.model.ts';
import { KpiTile } from '../panels/kpi-tiles/KpiTile.tsx';
import type { PanelProps } from '../panels/panel.ts';
import { areasQuery, geoAreasQuery } from '../queries/geo.queries.ts';
import { useClock, useLiveClient } from '../realtime/RealtimeProvider.tsx';
import { unitMapLabels, unitMapLayer } from './unit-map.layer.ts';

/** The unit's key figures on the wall: water, air, then the dossier indicators (the overview's). */
export const UNIT_PIN_KPIS = ['water_level', 'aqi', ...OVERVIEW_KPIS] as const;

/** The map framed on one unit among its neighbours, the unit outlined and every one named (unit-map.layer.ts). */
export function UnitMap({ code }: { code: string }) {
  const { index } = useCatalogue();
  const lang = useLang();
  const geo = useQuery(geoAreasQuery());
  const areas = useQuery(areasQuery());
  const split = useMemo(() => splitGeo(geo.data), [geo.data]);
  const names = useMemo(() => indexUnits(areas.data), [areas.data]);
  const { spec, focus, drawn } = useMemo(() => unitMapLayer(split.units, code), [split, code]);
  const labels = useMemo(() => unitMapLabels(drawn, code, names, lang), [drawn, code, names, lang]);
  const view = index?.catalogue.city;
  if (!geo.data || !view) return <div className="wall-pin-map panel panel-loading" />;
  return (
    <div className="wall-pin-map" data-testid="wall-pin-map" data-focus={focus?.code ?? ''}>
      <ExplorerMap geo={geo.data} spec={spec} center={view.center} zoom={view.zoom} focus={focus} onSelect={() => undefined} label={code} labels={labels} />
    </div>
  );
}

/** A pinned unit: the map zoomed to it, and its key figures beside it, live while it stays pinned (its scope followed by the socket). */
export function UnitPin({ code }: { code: string } & PanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const client = useLiveClient();
  useEffect(() => client.watchScope(code), [client, code]);
  const { cells, version } = useScopeCells(code);
  const { now, offline } = useClock();
  const tiles = useMemo(
    () => (index ? buildKpiTiles({ ids: UNIT_PIN_KPIS, catalogue: index, cells, scope: code, now, offline, lang, timeZone }) : []),
    [index, cells, code, now, offline, lang, timeZone],
  );
  return (
    <div className="wall-pin-unit" data-testid="wall-pin-unit" data-unit={code}>
      <UnitMap code={code} />
      <section className="panel wall-pin-figures">
        <h2 className="panel-title">{t('pin.unitFigures')}</h2>
        <div className="kpi-grid">
          {tiles.map((tile) => (
            <KpiTile key={tile.indicatorId} tile={tile} version={version} lang={lang} />
          ))}
        </div>
      </section>
    </div>
  );
}
