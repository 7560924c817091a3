import type { Role, Scopes } from '../auth/session.ts';

/**
 * The administration API's shapes, as engineer A1's contracts define them
 * (packages/contracts/src/http/access.ts on the access-server branch). Kept here until both
 * branches meet; at the merge these become imports from @cityioc/contracts (AdminUser, FeedSource,
 * FeedGrant, FeedKeyInfo, FeedKeyCreated, Device, DeviceCreated, AuditRecord, AuditListResponse).
 */
export interface AdminUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  scopes: Scopes;
  disabled: boolean;
  origin: 'local' | 'oidc';
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
}

export interface AdminUserCreate {
  username: string;
  name: string;
  role: Role;
  scopes: Scopes;
  password: string;
}

export type AdminUserPatch = Partial<{ name: string; role: Role; scopes: Scopes; password: string; disabled: boolean }>;

export const FEED_ENDPOINTS = ['observations', 'ngsi', 'dossiers', 'score766', 'reporting', 'procedures', 'calendar'] as const;
export type FeedEndpoint = (typeof FEED_ENDPOINTS)[number];

export interface FeedGrant {
  endpoints: (FeedEndpoint | '*')[];
  /** null: any */
  stations: string[] | null;
  units: string[] | null;
  agencies: string[] | null;
}

export interface FeedKeyInfo {
  id: string;
  prefix: string;
  createdAt: number;
  /** Set when a newer key replaced it: valid until then. */
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface FeedSource {
  id: string;
  name: string;
  grant: FeedGrant;
  fromEnvironment: boolean;
  createdAt: number;
  updatedAt: number;
  keys: FeedKeyInfo[];
}

export interface FeedSourceCreate {
  id: string;
  name: string;
  grant: FeedGrant;
}

/** A new key: `secret` is in this answer only. */
export interface FeedKeyCreated {
  sourceId: string;
  key: FeedKeyInfo;
  secret: string;
}

export interface Device {
  id: string;
  name: string;
  scopes: Scopes;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

export interface DeviceCreate {
  name: string;
  scopes: Scopes;
}

/** `link` (a path, /kiosk/<token>) is in this answer only. */
export interface DeviceCreated {
  device: Device;
  link: string;
}

export interface AuditRecord {
  seq: number;
  at: number;
  /** username, device:<id>, token:<name>, feed:<source>, or system */
  actor: string;
  actorRole: string | null;
  action: string;
  target: string | null;
  unit: string | null;
  scope: Scopes | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditListResponse {
  records: AuditRecord[];
  truncated: boolean;
}

/** The rules the server checks (AdminUserCreateSchema, FeedSourceCreateSchema), checked in the form first. */
export const USERNAME_RE = /^[a-z0-9][a-z0-9._@-]{2,63}$/;
export const PASSWORD_MIN_LENGTH = 12;
export const SOURCE_ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const SCOPE_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
