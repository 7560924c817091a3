import { Type, type Static } from 'typebox';
import { Nullable } from '../common.ts';
import { RFC3339_PATTERN } from '../feeds/dossier.ts';
import { FeedIdSchema } from '../feeds/ids.ts';

/**
 * Briefing mode (issue 13 #4): a leader pins a panel, a unit, an alert or a scene on every screen of
 * a wall ("Ghim lên màn hình"); it stays until released or until its time runs out, then the
 * rotation resumes.
 *   GET    /api/v1/wall/pin?wall=main     read    WallPinResponse: the pin in force, or null
 *   POST   /api/v1/wall/pin               leader  WallPinBody → 201 WallPinResponse
 *                                                 422 (details: field, reason): unknown_panel, unknown_scene,
 *                                                 unknown_unit, unit_not_in_force, unknown_alert, ttl_out_of_range
 *   DELETE /api/v1/wall/pin?wall=main     leader  WallPinReleaseResponse (released: the pin that was in force, or null)
 *   GET    /api/v1/wall/walls             read    WallListResponse: the walls a leader can pin to (the default wall, every wall
 *                                                 pinned before, every wall with a screen open now), each with its open screens
 * Every change is pushed to every socket as `wallPinV1` (across nodes); a wall that (re)connects reads GET.
 */

/** The panels a scene can place (the dashboard's panels/registry.tsx holds exactly these ids; a test checks it). */
export const WALL_PANEL_IDS = [
  'map',
  'alert-ticker',
  'kpi-tiles',
  'water-level',
  'air-quality',
  'feed-health',
  'procedures-head',
  'procedures-counts',
  'procedures-rates',
  'score766',
  'procedures-rank-districts',
  'procedures-rank-agencies',
  'score766-head',
  'score766-scorecard',
  'score766-lost',
  'directive-board',
  'reporting-head',
  'reporting-targets',
  'reporting-rank-departments',
  'reporting-rank-districts',
  'reporting-late',
] as const;
export type WallPanelId = (typeof WALL_PANEL_IDS)[number];

/** The wall's stable scene ids (kiosk URLs ?scene=, playlists). */
export const WALL_SCENE_IDS = ['overview', 'procedures', 'score766', 'reporting'] as const;
export type WallSceneId = (typeof WALL_SCENE_IDS)[number];

/** A wall's name: several walls (a meeting room, the IOC hall) each follow their own pin. */
export const WALL_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$';
export const DEFAULT_WALL = 'main';

/** What is pinned. Ids are checked by the server against the panels, scenes, units in force and stored alerts (422 otherwise). */
export const WallPinTargetSchema = Type.Union([
  Type.Object({ kind: Type.Literal('panel'), panel: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('unit'), unitCode: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('alert'), alertId: FeedIdSchema }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('scene'), scene: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
]);
export type WallPinTarget = Static<typeof WallPinTargetSchema>;

const Instant = Type.String({ pattern: RFC3339_PATTERN, format: 'date-time' });

export const WallPinSchema = Type.Object(
  {
    /** Identifies this pin (a release or an expiry names the pin it ends). */
    id: Type.String(),
    wall: Type.String({ pattern: WALL_ID_PATTERN }),
    target: WallPinTargetSchema,
    /** When it was pinned and when it ends by itself (RFC 3339, Asia/Ho_Chi_Minh offset). */
    at: Instant,
    until: Instant,
    /** The display name of the person who pinned it. */
    by: Type.String(),
  },
  { additionalProperties: false },
);
export type WallPin = Static<typeof WallPinSchema>;

export const WallPinBodySchema = Type.Object(
  {
    target: WallPinTargetSchema,
    wall: Type.Optional(Type.String({ pattern: WALL_ID_PATTERN })),
    /** How long it stays, in seconds: 10 minutes unless given; 1–60 minutes (a deployment may lower the minimum: IOC_WALL_PIN_MIN_SECONDS). */
    ttlSeconds: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type WallPinBody = Static<typeof WallPinBodySchema>;

export const WallPinQuerySchema = Type.Object({ wall: Type.Optional(Type.String({ pattern: WALL_ID_PATTERN })) }, { additionalProperties: false });
export type WallPinQuery = Static<typeof WallPinQuerySchema>;

export const WallPinResponseSchema = Type.Object(
  {
    /** epoch ms: the server's clock when it answered. */
    serverTime: Type.Number(),
    wall: Type.String(),
    pin: Nullable(WallPinSchema),
  },
  { additionalProperties: false },
);
export type WallPinResponse = Static<typeof WallPinResponseSchema>;

export const WallPinReleaseResponseSchema = Type.Object(
  { serverTime: Type.Number(), wall: Type.String(), released: Nullable(WallPinSchema) },
  { additionalProperties: false },
);
export type WallPinReleaseResponse = Static<typeof WallPinReleaseResponseSchema>;

/** One wall in the leader's picker. */
export const WallSummarySchema = Type.Object(
  {
    wall: Type.String(),
    /** How many wall screens (browsers opened on the wall page with this `?wall=`) are connected now, across nodes. */
    screens: Type.Integer({ minimum: 0 }),
    /** The pin in force on it, or null. */
    pin: Nullable(WallPinSchema),
  },
  { additionalProperties: false },
);
export type WallSummary = Static<typeof WallSummarySchema>;

/** The default wall first, then the others by name. */
export const WallListResponseSchema = Type.Object({ serverTime: Type.Number(), walls: Type.Array(WallSummarySchema) }, { additionalProperties: false });
export type WallListResponse = Static<typeof WallListResponseSchema>;

/**
 * `wallScreensV1`: a wall's count of open screens changed (a wall page opened, closed, or left the wall for another page
 * of the app: wallScreenV1), counted across nodes when it is sent. To every socket: the briefing page reads its list of
 * walls again at once (GET /api/v1/wall/walls), not at its 30 s poll.
 */
export const WallScreensPushSchema = Type.Object(
  {
    wall: Type.String({ pattern: WALL_ID_PATTERN }),
    /** Its open screens now, across nodes (as `screens` of GET /api/v1/wall/walls). */
    screens: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type WallScreensPush = Static<typeof WallScreensPushSchema>;

/** `wallPinV1`: a wall's pin set, released by a leader, or ended by its time. */
export interface WallPinPush {
  wall: string;
  /** The pin now in force, or null. */
  pin: WallPin | null;
  reason: 'pinned' | 'released' | 'expired';
  /** The pin that ended (released, expired, or replaced by a new pin); null when there was none. */
  ended: WallPin | null;
}
