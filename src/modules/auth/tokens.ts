import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '../../http/errors.js';
import { ROLES, type Actor, type Role } from './roles.js';

interface AccessClaims {
  sub: string;
  username: string;
  roles: Role[];
  agencyId: string | null;
}

const ALGORITHM = 'HS256';
const ISSUER = 'motcua';
/** The longest life ACCESS_TOKEN_TTL_SECONDS allows; a token claiming more was not made here. */
const MAX_LIFE_SECONDS = 86_400;
/** Tolerated clock difference between instances for `iat`. */
const SKEW_SECONDS = 60;

// jsonwebtoken turns a string secret into a KeyObject on every call (~0.4 ms); build it once.
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export function signAccessToken(actor: Actor, secret: string, ttlSeconds: number): string {
  const claims: AccessClaims = {
    sub: actor.userId,
    username: actor.username,
    roles: [...actor.roles],
    agencyId: actor.agencyId,
  };
  return jwt.sign(claims, keyOf(secret), { algorithm: ALGORITHM, expiresIn: ttlSeconds, issuer: ISSUER });
}

/**
 * Verifies an access token. The algorithm is pinned to HS256, so `alg: none` and tokens signed with
 * any other algorithm or secret are refused.
 */
export function verifyAccessToken(token: string, secret: string): Actor {
  let claims: unknown;
  try {
    claims = jwt.verify(token, keyOf(secret), { algorithms: [ALGORITHM], issuer: ISSUER });
  } catch (error) {
    throw new AppError(error instanceof jwt.TokenExpiredError ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED');
  }
  const c = claims as Partial<AccessClaims> & { exp?: unknown; iat?: unknown };
  // Issue 9 item 5: a token without exp would never expire; exp, iat and sub are required, and
  // its life must be one this API could have given.
  const now = Math.floor(Date.now() / 1000);
  if (
    typeof c.exp !== 'number' ||
    typeof c.iat !== 'number' ||
    !Number.isFinite(c.exp) ||
    !Number.isFinite(c.iat) ||
    c.iat > now + SKEW_SECONDS ||
    c.exp - c.iat > MAX_LIFE_SECONDS ||
    c.exp <= c.iat
  ) {
    throw new AppError('UNAUTHENTICATED');
  }
  if (
    typeof c.sub !== 'string' ||
    c.sub.length === 0 ||
    typeof c.username !== 'string' ||
    !Array.isArray(c.roles) ||
    !c.roles.every((r) => (ROLES as readonly string[]).includes(r)) ||
    !(c.agencyId === null || typeof c.agencyId === 'string')
  ) {
    throw new AppError('UNAUTHENTICATED');
  }
  return { userId: c.sub, username: c.username, roles: c.roles, agencyId: c.agencyId };
}

/** A refresh token is 256 random bits; only its SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
