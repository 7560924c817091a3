import type { Query } from '@tanstack/react-query';

/**
 * The `meta` of a query kept current by socket pushes rather than by time (the wall's pin, alerts and playlist, the
 * directives): a push reaches only a connected socket, so such a query read before the socket listened may have missed
 * one. The live client reads every such query again once the socket is subscribed, on the first connection as on every
 * reconnection (live-client.ts `sync`).
 */
export const FOLLOWS_PUSHES = { followsPushes: true } as const;

export const followsPushes = (q: Pick<Query, 'meta'>): boolean => q.meta?.followsPushes === true;
