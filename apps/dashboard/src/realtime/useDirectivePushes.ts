import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { DIRECTIVES_ROOT_KEY } from '../queries/directives.queries.ts';
import { useLiveClient } from './RealtimeProvider.tsx';

/** directiveV1 pushes → the directive board and lists are read again (the server applies the scope). Mounted once by the App. */
export function useDirectivePushes(): void {
  const client = useLiveClient();
  const qc = useQueryClient();
  useEffect(() => client.onDirectivePush(() => void qc.invalidateQueries({ queryKey: DIRECTIVES_ROOT_KEY })), [client, qc]);
}
