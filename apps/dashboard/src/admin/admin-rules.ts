import { SCOPE_CODE_PATTERN, SOURCE_ID_PATTERN, USERNAME_PATTERN } from '@cityioc/contracts';

/** The rules the server checks (AdminUserCreateSchema, FeedSourceCreateSchema, scope codes), checked in the forms first. */
export const USERNAME_RE = new RegExp(USERNAME_PATTERN);
export const SOURCE_ID_RE = new RegExp(SOURCE_ID_PATTERN);
export const SCOPE_CODE_RE = new RegExp(SCOPE_CODE_PATTERN);
