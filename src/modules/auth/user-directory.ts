import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { presentSessionUser } from './user.presenter.js';
import * as users from './user.repository.js';

export type SessionUser = ReturnType<typeof presentSessionUser>;

/**
 * Current facts about signed-in users (enabled, roles, agency), read on every authenticated request.
 * A small per-process cache with a short life keeps that off the database on hot paths, so a disabled
 * account or a role change takes effect on every route within `ttlMs` (at once on the instance that
 * made the change, which invalidates its entry), not only when the 15-minute access token expires.
 */
export function createUserDirectory(db: Db, clock: Clock, ttlMs: number, maxEntries = 10_000) {
  const cache = new Map<string, { user: SessionUser | null; expiresAt: number }>();

  return {
    /** The enabled user with this id, or null (unknown or disabled). */
    async get(id: string): Promise<SessionUser | null> {
      const now = clock.now().getTime();
      const hit = cache.get(id);
      if (hit && hit.expiresAt > now) return hit.user;
      const row = await users.findById(db, id);
      const user = row && !row.disabled ? presentSessionUser(row) : null;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(id, { user, expiresAt: now + ttlMs });
      return user;
    },

    invalidate(id: string): void {
      cache.delete(id);
    },
  };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;
