import type { Alert } from '@cityioc/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLiveClient } from '../realtime/RealtimeProvider.tsx';
import { mergeAlert } from './alerts.model.ts';
import { wallAlertsKey } from './alerts.queries.ts';

/**
 * alertV1 pushes → the wall's alert list (merged by revision) and a refetch of open inboxes and
 * alert details (the server applies the operator's scope). Mounted once by the App.
 */
export function useAlertPushes(): void {
  const client = useLiveClient();
  const qc = useQueryClient();
  useEffect(
    () =>
      client.onAlertPush((push) => {
        // not loaded yet: the request in flight may predate the alert, so read again
        if (!qc.getQueryData(wallAlertsKey)) void qc.invalidateQueries({ queryKey: wallAlertsKey });
        qc.setQueryData<Alert[]>(wallAlertsKey, (list) => {
          if (!list) return list;
          const merged = mergeAlert(list, push.alert);
          return merged.filter((a) => a.status !== 'resolved');
        });
        void qc.invalidateQueries({ queryKey: ['alerts', 'operator'] });
        void qc.invalidateQueries({ queryKey: ['alerts', 'detail', push.alert.id] });
      }),
    [client, qc],
  );
}
