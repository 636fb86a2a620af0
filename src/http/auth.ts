import type { NextFunction, Request, Response } from 'express';
import { AppError } from './errors.js';
import type { Actor, Role } from '../lib/roles.js';

/** Verifies an access token and returns its claims (throws AppError on a bad or expired token). */
export type TokenVerifier = (token: string) => Actor;

/** Current roles and agency of a user, or null when the account is unknown or disabled. */
export type ActorLookup = (userId: string) => Promise<Pick<Actor, 'roles' | 'agencyId'> | null>;

/**
 * Reads `Authorization: Bearer <jwt>`, verifies it, and puts the actor on `res.locals.actor` with the
 * user's current roles and agency (the token's claims can be up to 15 minutes old).
 */
export function authenticate(verify: TokenVerifier, lookup: ActorLookup) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.[A-Za-z0-9\-_=]*)$/.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED');
    const claimed = verify(match[1]);
    const current = await lookup(claimed.userId);
    if (!current) throw new AppError('UNAUTHENTICATED');
    res.locals.actor = { ...claimed, roles: current.roles, agencyId: current.agencyId } satisfies Actor;
    next();
  };
}

/** Lets the request through when the actor holds at least one of `roles`. */
export function requireRole(roles: readonly Role[]) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const actor = res.locals.actor as Actor | undefined;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (!actor.roles.some((r) => roles.includes(r))) throw new AppError('FORBIDDEN');
    next();
  };
}
