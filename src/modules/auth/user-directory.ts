import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { ttlCache } from '../../lib/ttl-cache.js';
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
  const cache = ttlCache(
    async (id: string): Promise<SessionUser | null> => {
      const row = await users.findById(db, id);
      return row && !row.disabled ? presentSessionUser(row) : null;
    },
    ttlMs,
    () => clock.now().getTime(),
    maxEntries,
  );

  return {
    /** The enabled user with this id, or null (unknown or disabled). */
    get: (id: string): Promise<SessionUser | null> => cache(id),
    invalidate: (id: string): void => cache.delete(id),
  };
}

export type UserDirectory = ReturnType<typeof createUserDirectory>;
