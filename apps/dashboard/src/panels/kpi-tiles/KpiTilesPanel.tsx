import { useMemo } from 'react';
import { useCatalogue, useLang, useScopeCells } from '../../app/hooks.ts';
import { homeScope } from '../../app/home-scope.ts';
import { useClock } from '../../realtime/RealtimeProvider.tsx';
import { buildKpiTiles, OVERVIEW_KPIS } from './kpi-tiles.model.ts';
import { KpiTile } from './KpiTile.tsx';

/** The headline indicators of the city scope: three tiles above two. */
export function KpiTilesPanel() {
  const lang = useLang();
  const { index, timeZone } = useCatalogue();
  const { cells, version } = useScopeCells(homeScope());
  const { now, offline } = useClock();
  const tiles = useMemo(
    () => (index ? buildKpiTiles({ ids: OVERVIEW_KPIS, catalogue: index, cells, scope: homeScope(), now, offline, lang, timeZone }) : []),
    [index, cells, now, offline, lang, timeZone],
  );
  return (
    <section className="kpi-grid" data-testid="kpi-panel">
      {tiles.map((tile) => (
        <KpiTile key={tile.indicatorId} tile={tile} version={version} lang={lang} />
      ))}
    </section>
  );
}
