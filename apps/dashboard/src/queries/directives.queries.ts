import type { Directive, DirectiveBoardResponse, DirectiveListResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { FOLLOWS_PUSHES } from './push-followed.ts';
import { getJson } from './http.ts';

/** Every directive read: a directiveV1 push re-reads them (realtime/useDirectivePushes.ts). */
export const DIRECTIVES_ROOT_KEY = ['directives'] as const;

/** The board is re-read every minute as well: a directive turns overdue by the clock alone. */
export const DIRECTIVE_BOARD_REFRESH_MS = 60_000;

/**
 * One directive read under DIRECTIVES_ROOT_KEY, fresh for 15 s; a list or the board (`byClock`)
 * is also re-read every minute.
 */
function directiveRead<T>(key: readonly string[], path: string, byClock: boolean) {
  return queryOptions({
    queryKey: [...DIRECTIVES_ROOT_KEY, ...key],
    queryFn: ({ signal }) => getJson<T>(path, signal),
    refetchInterval: byClock ? DIRECTIVE_BOARD_REFRESH_MS : undefined,
    staleTime: 15_000,
    meta: FOLLOWS_PUSHES,
  });
}

/** What is overdue and due today in the session's scope (GET /api/v1/directives/board). */
export const directiveBoardQuery = () => directiveRead<DirectiveBoardResponse>(['board'], '/api/v1/directives/board', true);

/** The open directives of the session's scope (an operator's own units: the server limits them). */
export const openDirectivesQuery = () => directiveRead<DirectiveListResponse>(['open'], '/api/v1/directives?status=open', true);

/** The leader's lists: `status` = `done` (answers awaiting a decision), `open` or `closed`. */
export const directivesListQuery = (status: string) =>
  directiveRead<DirectiveListResponse>(['list', status], `/api/v1/directives?status=${encodeURIComponent(status)}`, true);

/** One directive with every unit's trail (GET /api/v1/directives/:id). */
export const directiveQuery = (id: string) => directiveRead<Directive>(['one', id], `/api/v1/directives/${encodeURIComponent(id)}`, false);
