import type { Directive, DirectiveBoardResponse, DirectiveListResponse } from '@cityioc/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http.ts';

/** Every directive read: a directiveV1 push re-reads them (realtime/useDirectivePushes.ts). */
export const DIRECTIVES_ROOT_KEY = ['directives'] as const;

/** The board is re-read every minute as well: a directive turns overdue by the clock alone. */
export const DIRECTIVE_BOARD_REFRESH_MS = 60_000;

/** What is overdue and due today in the session's scope (GET /api/v1/directives/board). */
export function directiveBoardQuery() {
  return queryOptions({
    queryKey: [...DIRECTIVES_ROOT_KEY, 'board'] as const,
    queryFn: ({ signal }) => getJson<DirectiveBoardResponse>('/api/v1/directives/board', signal),
    refetchInterval: DIRECTIVE_BOARD_REFRESH_MS,
    staleTime: 15_000,
  });
}

/** The open directives of the session's scope (an operator's own units: the server limits them). */
export function openDirectivesQuery() {
  return queryOptions({
    queryKey: [...DIRECTIVES_ROOT_KEY, 'open'] as const,
    queryFn: ({ signal }) => getJson<DirectiveListResponse>('/api/v1/directives?status=open', signal),
    refetchInterval: DIRECTIVE_BOARD_REFRESH_MS,
    staleTime: 15_000,
  });
}

/** The leader's lists: `status` = `done` (answers awaiting a decision), `open` or `closed`. */
export function directivesListQuery(status: string) {
  return queryOptions({
    queryKey: [...DIRECTIVES_ROOT_KEY, 'list', status] as const,
    queryFn: ({ signal }) => getJson<DirectiveListResponse>(`/api/v1/directives?status=${encodeURIComponent(status)}`, signal),
    refetchInterval: DIRECTIVE_BOARD_REFRESH_MS,
    staleTime: 15_000,
  });
}

/** One directive with every unit's trail (GET /api/v1/directives/:id). */
export function directiveQuery(id: string) {
  return queryOptions({
    queryKey: [...DIRECTIVES_ROOT_KEY, 'one', id] as const,
    queryFn: ({ signal }) => getJson<Directive>(`/api/v1/directives/${encodeURIComponent(id)}`, signal),
    staleTime: 15_000,
  });
}
