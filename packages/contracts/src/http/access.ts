import { Type, type Static } from 'typebox';
import { LiteralUnion, LogEntryFields, Nullable, NullableString } from '../common.ts';
import { PLAIN_TEXT_PATTERN } from '../feeds/ids.ts';

/**
 * Who may see and do what (issue 11): accounts, roles and unit scopes, sign-in, devices (wall
 * screens), feed sources with their keys, and the audit log.
 *
 *   GET    /api/v1/auth/config                     AuthConfig (public)
 *   POST   /api/v1/auth/login                      LoginBody → SessionResponse + Set-Cookie ioc_session
 *   POST   /api/v1/auth/logout                     204 (the session is removed)
 *   GET    /api/v1/auth/me                         SessionResponse, or 401
 *   GET    /api/v1/auth/oidc/login?returnTo=/path  302 to the city's identity provider
 *   GET    /api/v1/auth/oidc/callback              302 to returnTo with the session cookie
 *   GET    /kiosk/:token                           a wall screen's link: device session cookie, 302 to /
 *   GET    /api/v1/admin/users                     AdminUserList       POST  AdminUserCreate → AdminUser (201)
 *   PATCH  /api/v1/admin/users/:id                 AdminUserPatch → AdminUser            DELETE → 204
 *   GET    /api/v1/admin/feed-sources              FeedSourceList      POST  FeedSourceCreate → FeedSource (201)
 *   PATCH  /api/v1/admin/feed-sources/:id          FeedSourcePatch → FeedSource
 *   POST   /api/v1/admin/feed-sources/:id/keys     FeedKeyCreated (201; the secret is shown once)
 *   DELETE /api/v1/admin/feed-sources/:id/keys/:keyId   204
 *   GET    /api/v1/admin/devices                   DeviceList          POST  DeviceCreate → DeviceCreated (201; the link is shown once)
 *   DELETE /api/v1/admin/devices/:id               204 (revoked: its sessions end)
 *   GET    /api/v1/admin/audit?actor=&unit=&action=&from=&to=&limit=   AuditListResponse (also audit.csv, audit.xlsx)
 * Cookie sessions send the csrfToken of SessionResponse as `x-csrf-token` on POST/PUT/PATCH/DELETE.
 */

/** The roles of people and devices. Feed sources are not a role: they hold keys with a grant. */
export const ROLE_IDS = ['leader', 'operator', 'analyst', 'admin'] as const;
export const RoleSchema = LiteralUnion(ROLE_IDS);
export type Role = Static<typeof RoleSchema>;

/** Codes of a scope: area codes (a commune, a district, the city) or reporting department codes; agency codes. */
export const SCOPE_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
const CodeSchema = Type.String({ minLength: 1, maxLength: 64, pattern: SCOPE_CODE_PATTERN });

/**
 * What a person or device may see: units (an area code covers itself and every area below it; the
 * city's code covers everything; a reporting department's code covers its reports) and agencies
 * (their dossiers, wherever they are attributed).
 */
export const AccessScopeSchema = Type.Object(
  {
    units: Type.Array(CodeSchema, { maxItems: 200 }),
    agencies: Type.Array(CodeSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type AccessScope = Static<typeof AccessScopeSchema>;

/** Who is calling: a signed-in person, a wall device, or a service token from the environment. */
export const SessionUserSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  scopes: AccessScopeSchema,
  kind: LiteralUnion(['user', 'device', 'token']),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const AuthConfigSchema = Type.Object({
  local: Type.Literal(true),
  /** The city's identity provider, when IOC_OIDC_ISSUER is set; `label` names it on the sign-in page. */
  oidc: Nullable(Type.Object({ enabled: Type.Boolean(), label: Type.String() })),
  /** Demo mode: the sign-in page may say that demo accounts are printed by `npm start`. */
  demo: Type.Boolean(),
});
export type AuthConfig = Static<typeof AuthConfigSchema>;

export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._@-]{2,63}$';
export const UsernameSchema = Type.String({ minLength: 3, maxLength: 64, pattern: USERNAME_PATTERN });
/** At least 12 characters: the one rule (length beats composition rules). */
export const PASSWORD_MIN_LENGTH = 12;
export const PasswordSchema = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 256 });

export const LoginBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

/** The answer of login and of /auth/me: the caller and the token to send as x-csrf-token. */
export const SessionResponseSchema = Type.Object({ user: SessionUserSchema, csrfToken: Type.String() });
export type SessionResponse = Static<typeof SessionResponseSchema>;

const PersonNameSchema = Type.String({ minLength: 1, maxLength: 200, pattern: PLAIN_TEXT_PATTERN });
const Timestamp = Type.Integer({ description: 'epoch ms' });

export const AdminUserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  scopes: AccessScopeSchema,
  disabled: Type.Boolean(),
  /** 'local': a password kept here (argon2id); 'oidc': signs in at the city's identity provider. */
  origin: Type.Union([Type.Literal('local'), Type.Literal('oidc')]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastLoginAt: Nullable(Timestamp),
});
export type AdminUser = Static<typeof AdminUserSchema>;
export const AdminUserListSchema = Type.Object({ users: Type.Array(AdminUserSchema) });

export const AdminUserCreateSchema = Type.Object(
  { username: UsernameSchema, name: PersonNameSchema, role: RoleSchema, scopes: AccessScopeSchema, password: PasswordSchema },
  { additionalProperties: false },
);
export type AdminUserCreate = Static<typeof AdminUserCreateSchema>;

/** Any subset; `password` resets it (and ends the user's sessions), `disabled: true` ends them too. */
export const AdminUserPatchSchema = Type.Object(
  {
    name: Type.Optional(PersonNameSchema),
    role: Type.Optional(RoleSchema),
    scopes: Type.Optional(AccessScopeSchema),
    password: Type.Optional(PasswordSchema),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AdminUserPatch = Static<typeof AdminUserPatchSchema>;

/** The endpoints a feed key may be granted ('*': every feed route, as IOC_API_KEYS keys have). */
export const FEED_ENDPOINTS = ['observations', 'ngsi', 'dossiers', 'score766', 'reporting', 'procedures', 'calendar', 'pakn', 'ratings'] as const;
export type FeedEndpoint = (typeof FEED_ENDPOINTS)[number];
export const FeedEndpointSchema = LiteralUnion([...FEED_ENDPOINTS, '*']);

const CodeListOrAny = Nullable(Type.Array(CodeSchema, { minItems: 1, maxItems: 500 }));

/**
 * What a source's keys may write: the endpoints, and within them only these stations, units and
 * agencies (null: any). An item outside the grant is rejected with `outside_grant`; a request to an
 * endpoint not granted is refused whole (403 outside_grant).
 */
export const FeedGrantSchema = Type.Object(
  {
    endpoints: Type.Array(FeedEndpointSchema, { minItems: 1, maxItems: 20 }),
    stations: CodeListOrAny,
    units: CodeListOrAny,
    agencies: CodeListOrAny,
  },
  { additionalProperties: false },
);
export type FeedGrant = Static<typeof FeedGrantSchema>;

export const FeedKeyInfoSchema = Type.Object({
  id: Type.String(),
  /** The first characters of the key, to tell keys apart (the key itself is stored only as a hash). */
  prefix: Type.String(),
  createdAt: Timestamp,
  /** Set when a newer key replaced it: it stays valid until then (IOC_KEY_OVERLAP_HOURS). */
  expiresAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});
export type FeedKeyInfo = Static<typeof FeedKeyInfoSchema>;

export const SOURCE_ID_PATTERN = '^[a-z0-9][a-z0-9_-]{0,63}$';
export const FeedSourceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  grant: FeedGrantSchema,
  /** true for the sources of IOC_API_KEYS: read-only here, changed in the environment. */
  fromEnvironment: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  keys: Type.Array(FeedKeyInfoSchema),
});
export type FeedSource = Static<typeof FeedSourceSchema>;
export const FeedSourceListSchema = Type.Object({ sources: Type.Array(FeedSourceSchema) });

export const FeedSourceCreateSchema = Type.Object(
  { id: Type.String({ pattern: SOURCE_ID_PATTERN, maxLength: 64 }), name: PersonNameSchema, grant: FeedGrantSchema },
  { additionalProperties: false },
);
export type FeedSourceCreate = Static<typeof FeedSourceCreateSchema>;
export const FeedSourcePatchSchema = Type.Object(
  { name: Type.Optional(PersonNameSchema), grant: Type.Optional(FeedGrantSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type FeedSourcePatch = Static<typeof FeedSourcePatchSchema>;

/** A new key: `secret` is shown only in this answer. */
export const FeedKeyCreatedSchema = Type.Object({ sourceId: Type.String(), key: FeedKeyInfoSchema, secret: Type.String() });
export type FeedKeyCreated = Static<typeof FeedKeyCreatedSchema>;

export const DeviceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: AccessScopeSchema,
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
  lastSeenAt: Nullable(Timestamp),
});
export type Device = Static<typeof DeviceSchema>;
export const DeviceListSchema = Type.Object({ devices: Type.Array(DeviceSchema) });
export const DeviceCreateSchema = Type.Object({ name: PersonNameSchema, scopes: AccessScopeSchema }, { additionalProperties: false });
export type DeviceCreate = Static<typeof DeviceCreateSchema>;
/** `link` (a path: /kiosk/<token>) is shown only in this answer; the device signs in by opening it. */
export const DeviceCreatedSchema = Type.Object({ device: DeviceSchema, link: Type.String() });
export type DeviceCreated = Static<typeof DeviceCreatedSchema>;

/**
 * One entry of the append-only audit log: who, when, from where, what, and in which scope. `actor`:
 * a username, device:<id>, token:<name>, feed:<source>, or system.
 */
export const AuditRecordSchema = Type.Object({
  ...LogEntryFields,
  actorRole: NullableString,
  /** e.g. auth.login, auth.login_failed, dossier.view, export, alert.ack, user.create, feed_source.key_create */
  action: Type.String(),
  target: NullableString,
  /** The unit the action concerns, when it concerns one. */
  unit: NullableString,
  /** The actor's scope at the time. */
  scope: Nullable(AccessScopeSchema),
  ip: NullableString,
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type AuditRecord = Static<typeof AuditRecordSchema>;

/** from/to: a local date YYYY-MM-DD (from its start / to its end, +07:00) or RFC 3339 with an offset. */
export const AuditQuerySchema = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 128 })),
    unit: Type.Optional(Type.String({ maxLength: 64 })),
    /** An action, or a family ending with '.' (e.g. 'alert.'). */
    action: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ maxLength: 40 })),
    to: Type.Optional(Type.String({ maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;
export const AuditListResponseSchema = Type.Object({ records: Type.Array(AuditRecordSchema), truncated: Type.Boolean() });
export type AuditListResponse = Static<typeof AuditListResponseSchema>;
