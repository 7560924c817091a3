import type { ComponentType } from 'react';
import type { FetchQueryOptions } from '@tanstack/react-query';
import type { PanelSize } from '../scenes/scene-registry.ts';

/** The period the public-service dossiers scene shows. */
export type WallPeriod = 'month' | 'quarter' | 'year';

/** What a panel's reads depend on: the wall's settings and the (server-corrected) clock. */
export interface PanelContext {
  period: WallPeriod;
  now: number;
  timeZone: string;
}

/** Every panel gets the same props; the wall's settings are the only thing its scenes share. */
export interface PanelProps {
  ctx: PanelContext & { setPeriod: (period: WallPeriod) => void };
}

/** A query a panel reads, as a queryOptions(...) factory gives it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each panel reads responses of its own type
export type PanelQuery = FetchQueryOptions<any, any, any, any>;

export interface PanelDef {
  /** i18n key of the panel's name (a playlist editor lists panels by it). */
  title: string;
  /** React.lazy for panels that are not on the first screen: their code loads with their scene. */
  component: ComponentType<PanelProps>;
  /** The reads it makes: the wall prefetches them before the panel's scene comes up. */
  queries: (ctx: PanelContext) => readonly PanelQuery[];
  /** Its height in a column unless the scene says otherwise. */
  size: PanelSize;
  /** Drawn only once the first data is on screen (MapLibre takes the main thread for a while). */
  deferred?: boolean;
}
