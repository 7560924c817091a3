import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * The secrets of access, in one place: random tokens (sessions, kiosk links, feed keys, CSRF),
 * their SHA-256 (what the store keeps of a high-entropy token), and argon2id for passwords (what
 * the store keeps of a low-entropy secret a person chose).
 */

/** 32 random bytes, base64url (43 characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** SHA-256 hex of a token: the store's key for it. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Compares a presented secret with the expected one in constant time (by digest, so lengths do not leak). */
export function secretMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(presented).digest(), createHash('sha256').update(expected).digest());
}

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 30 ms on one core. */
// algorithm 2 is Argon2id (a const enum the compiler cannot import here)
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

/**
 * Checks a password against a stored hash. Without a hash (no such user, or an identity-provider
 * account) it verifies against a fixed hash all the same, so that the answer takes as long
 * whether or not the account exists.
 */
export async function passwordMatches(stored: string | null, password: string): Promise<boolean> {
  const h = stored ?? (await dummyHash());
  try {
    const ok = await verify(h, password);
    return stored !== null && ok;
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hash(newToken(), ARGON2));
