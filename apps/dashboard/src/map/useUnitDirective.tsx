import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSession } from '../auth/useSession.ts';
import { canIssueDirective } from '../panels/directives/directive-form.model.ts';
import { DirectiveIssueDialog } from '../panels/directives/DirectiveIssueDialog.tsx';
import { UNITS_FILL } from './layers/units/units.layer.ts';

/**
 * A leader clicks a unit on the map to issue a directive to it (the unit prefilled, the unit as the
 * directive's source); returns the dialog while it is open. Nothing for anyone else.
 */
export function useUnitDirective(map: maplibregl.Map | null, loaded: boolean, units: readonly { code: string; name: string }[]): ReactNode {
  const { user } = useSession();
  const leader = canIssueDirective(user);
  const [unit, setUnit] = useState<{ code: string; name: string } | null>(null);
  const latest = useRef(units);
  latest.current = units;
  useEffect(() => {
    if (!map || !loaded || !leader) return;
    const onClick = (e: maplibregl.MapLayerMouseEvent) => {
      const code = e.features?.[0]?.properties?.code as string | undefined;
      const u = latest.current.find((x) => x.code === code);
      if (u) setUnit({ code: u.code, name: u.name });
    };
    map.on('click', UNITS_FILL, onClick);
    return () => {
      map.off('click', UNITS_FILL, onClick);
    };
  }, [map, loaded, leader]);
  return unit ? <DirectiveIssueDialog subject={{ kind: 'unit', id: unit.code, label: unit.name }} units={unit.code} onClose={() => setUnit(null)} /> : null;
}
