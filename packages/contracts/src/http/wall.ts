import { Type, type Static } from 'typebox';
import { Nullable, NullableString } from '../common.ts';

/**
 * The wall's playlist (issue 13 #3): which scenes rotate, in which order, for how long, and how each
 * scene lays out its panels. Stored by the ingest as a versioned reference document; the default is
 * `DEFAULT_WALL_PLAYLIST` of `@cityioc/domain` wall/ (the scenes the wall had as code).
 *   GET /api/v1/wall/playlist   read   WallPlaylist (version 0 while nothing was stored: the default)
 *   PUT /api/v1/wall/playlist   admin  WallPlaylistInput → WallPlaylist; 422 with {field, reason} per problem
 * A stored playlist is pushed to every wall as `wallPlaylistV1`; a wall applies it at its next scene switch.
 * Scene and panel ids are checked by the domain (`playlistProblems`): the schema checks the shape only.
 */

/** How much height a panel takes in its column: its content's, a share of the rest, or a weight of the rest. */
export const WallPanelSizeSchema = Type.Union([Type.Literal('auto'), Type.Literal('fill'), Type.Number({ exclusiveMinimum: 0, maximum: 100 })]);

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const WallCellSchema = Type.Object({ panel: Id, size: Type.Optional(WallPanelSizeSchema) }, { additionalProperties: false });

export const WallColumnSchema = Type.Object(
  {
    /** Share of the width (a CSS fr). */
    width: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    panels: Type.Array(WallCellSchema, { minItems: 1, maxItems: 12 }),
  },
  { additionalProperties: false },
);

export const WALL_DWELL_MIN_SECONDS = 10;
export const WALL_DWELL_MAX_SECONDS = 3600;

export const WallSceneSchema = Type.Object(
  {
    /** A stable scene id: overview | procedures | score766 | reporting. */
    id: Id,
    /** A disabled scene keeps its place and layout but is left out of the rotation. */
    enabled: Type.Boolean(),
    dwellSeconds: Type.Integer({ minimum: WALL_DWELL_MIN_SECONDS, maximum: WALL_DWELL_MAX_SECONDS }),
    /** A panel across the whole width above the columns (the scene's title bar). */
    head: Type.Optional(Nullable(Id)),
    /** Space between panels, in rem. */
    gap: Type.Number({ minimum: 0, maximum: 4 }),
    columns: Type.Array(WallColumnSchema, { minItems: 1, maxItems: 12 }),
  },
  { additionalProperties: false },
);

export const WallPlaylistInputSchema = Type.Object({ scenes: Type.Array(WallSceneSchema, { maxItems: 16 }) }, { additionalProperties: false });

export const WallPlaylistSchema = Type.Object({
  scenes: Type.Array(WallSceneSchema),
  /** 1, 2, … for stored versions; 0 for the built-in default. */
  version: Type.Integer({ minimum: 0 }),
  /** True when this is the built-in default (nothing stored, or the default stored back by a reset). */
  isDefault: Type.Boolean(),
  /** epoch ms of the stored version; null for the built-in default. */
  updatedAt: Nullable(Type.Number()),
  /** Who stored it (an administrator's actor name); null for the built-in default. */
  updatedBy: NullableString,
});

export type WallPanelSize = Static<typeof WallPanelSizeSchema>;
export type WallCell = Static<typeof WallCellSchema>;
export type WallColumn = Static<typeof WallColumnSchema>;
export type WallScene = Static<typeof WallSceneSchema>;
export type WallPlaylistInput = Static<typeof WallPlaylistInputSchema>;
export type WallPlaylist = Static<typeof WallPlaylistSchema>;
