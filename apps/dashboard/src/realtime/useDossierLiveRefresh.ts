import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { DOSSIER_DELTA_THROTTLE_MS, touchesDossiers } from '../dossiers/dossier-live.ts';
import { Throttle } from '../lib/throttle.ts';
import { dossiersRootKey } from '../queries/dossiers.queries.ts';
import { SCORECARD_ROOT_KEY } from '../queries/score766.queries.ts';
import { useLiveClient } from './RealtimeProvider.tsx';

/**
 * Re-reads the dossier API (indicators, watchlists, an open trail) and the 766 scorecard when a delta moves a
 * dossier-derived cell, at most once per 5 s: at once for the first, then one trailing re-read for
 * the rest of a burst. Queries not on screen are only marked stale.
 */
export function useDossierLiveRefresh(): void {
  const client = useLiveClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const throttle = new Throttle(() => {
      void queryClient.invalidateQueries({ queryKey: dossiersRootKey, refetchType: 'active' });
      // the computed 766 scorecard counts the same dossiers
      void queryClient.invalidateQueries({ queryKey: SCORECARD_ROOT_KEY, refetchType: 'active' });
    }, DOSSIER_DELTA_THROTTLE_MS);
    const off = client.onCells((_scope, cells) => {
      if (touchesDossiers(cells)) throttle.trigger();
    });
    return () => {
      off();
      throttle.cancel();
    };
  }, [client, queryClient]);
}
