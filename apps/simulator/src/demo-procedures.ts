import { demo766Catalogue } from './demo-766-catalogue.ts';

export interface ProcedureUpload {
  status: number;
  body: unknown;
}

/**
 * Loads the demo's procedure catalogue (illustrative legal times, fees, online levels, and the
 * Decision 766 facts: applying agencies, publication decisions, components, paper results; see
 * demo-766-catalogue.ts) into
 * the IOC through its public API, PUT /api/v1/procedures, as a city administrator would. The IOC
 * keeps every version and answers 'unchanged' for a catalogue it already has, so every start may
 * send it again.
 */
export async function uploadDemoProcedures(opts: {
  iocUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  now?: number;
}): Promise<ProcedureUpload> {
  const f = opts.fetch ?? fetch;
  const res = await f(new URL('/api/v1/procedures', opts.iocUrl), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-api-key': opts.apiKey },
    body: JSON.stringify({ items: demo766Catalogue(opts.now ?? Date.now()) }),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}
