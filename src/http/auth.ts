import type { NextFunction, Request, Response } from 'express';
import { AppError } from './errors.js';
import { verifyAccessToken } from '../modules/auth/tokens.js';
import type { Actor, Role } from '../modules/auth/roles.js';

/** Reads `Authorization: Bearer <jwt>` and puts the verified actor on `res.locals.actor`. */
export function authenticate(secret: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9\-_=]+\.[A-Za-z0-9\-_=]*\.[A-Za-z0-9\-_=]*)$/.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED');
    res.locals.actor = verifyAccessToken(match[1], secret);
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
