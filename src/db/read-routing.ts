import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { RequestHandler } from 'express';
import type { Db } from './client.js';
import { queryRows } from './rows.js';

/**
 * Read routing to a PostgreSQL streaming replica (issue 14). Statistics, exports, lists and public
 * lookups read through `readDb`; writes, snapshot jobs and single-dossier views keep the primary
 * handle. `readDb` follows the replica only while its measured lag is within the setting and the
 * request is not one that must see its caller's own write: every non-GET request, and GETs with the
 * same Authorization for a short window after one (read-your-writes on this instance).
 */
export interface ReplicaStatus {
  serving: 'replica' | 'primary';
  /** Seconds the replica is behind the primary at the last check; null when it could not be measured. */
  lagSeconds: number | null;
  maxLagSeconds: number;
  checkedAt: string | null;
  /** Why reads are on the primary, when they are. */
  reason?: 'lagging' | 'unreachable' | 'not_a_standby' | 'not_checked';
}

export interface ReadRouting {
  /** The handle for reads that may be slightly stale; the primary itself when no replica is set. */
  readonly readDb: Db;
  /** Marks writes and reads-after-own-writes to stay on the primary. Mount after the body parser. */
  readonly middleware: RequestHandler;
  /** Measures the lag now; null when no replica is configured (for /readyz). */
  status(): Promise<ReplicaStatus | null>;
}

export interface ReadRoutingOptions {
  maxLagMs: number;
  checkIntervalMs: number;
  /** Formats `checkedAt` (ISO 8601 in the app's zone, like every timestamp in JSON). */
  iso: (instant: Date) => string;
  now?: () => number;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const STICKY_LIMIT = 10_000;

interface Measurement {
  at: number;
  lagMs: number | null;
  reason?: ReplicaStatus['reason'];
}

export function createReadRouting(primary: Db, replica: Db | undefined, options: ReadRoutingOptions): ReadRouting {
  const now = options.now ?? Date.now;
  if (!replica) {
    return { readDb: primary, middleware: (_req, _res, next) => next(), status: async () => null };
  }
  const scope = new AsyncLocalStorage<{ primary: boolean }>();
  // A caller's write is visible on the replica once the lag (≤ max) and one check interval have passed.
  const stickyMs = options.maxLagMs + 2 * options.checkIntervalMs;
  const recentWriters = new Map<string, number>();
  let last: Measurement = { at: 0, lagMs: null, reason: 'not_checked' };
  let inFlight: Promise<Measurement> | undefined;

  async function measure(): Promise<Measurement> {
    try {
      // The primary's position first: a replica that has replayed it is fully caught up (lag 0);
      // otherwise the lag is the age of the last transaction it replayed.
      const [{ lsn } = { lsn: '' }] = await queryRows<{ lsn: string }>(
        primary,
        sql`select pg_current_wal_lsn()::text as lsn`,
      );
      const [row] = await queryRows<{ standby: boolean; caughtUp: boolean | null; lag: number | null }>(
        replica!,
        sql`
        select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as "caughtUp",
          extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag`,
      );
      if (!row?.standby) return { at: now(), lagMs: null, reason: 'not_a_standby' };
      if (row.caughtUp) return { at: now(), lagMs: 0 };
      return {
        at: now(),
        lagMs: row.lag === null ? null : Math.max(0, row.lag * 1000),
        ...(row.lag === null ? { reason: 'unreachable' as const } : {}),
      };
    } catch {
      return { at: now(), lagMs: null, reason: 'unreachable' };
    }
  }

  function refresh(): Promise<Measurement> {
    inFlight ??= measure()
      .then((m) => {
        last = m;
        return m;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  function replicaUsable(): boolean {
    const age = now() - last.at;
    if (age >= options.checkIntervalMs) void refresh();
    // A measurement older than three intervals says nothing about the replica now.
    if (age > 3 * options.checkIntervalMs) return false;
    return last.lagMs !== null && last.lagMs <= options.maxLagMs;
  }

  const current = (): Db => (scope.getStore()?.primary || !replicaUsable() ? primary : replica);
  const readDb = new Proxy(primary, {
    get(_target, prop) {
      const db = current();
      const value: unknown = Reflect.get(db, prop, db);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(db) : value;
    },
  });

  const middleware: RequestHandler = (req, _res, next) => {
    const auth = req.headers.authorization;
    const key = auth ? createHash('sha256').update(auth).digest('base64url') : undefined;
    const t = now();
    const write = !READ_METHODS.has(req.method);
    if (write && key) {
      if (recentWriters.size >= STICKY_LIMIT)
        for (const [k, until] of recentWriters) if (until <= t) recentWriters.delete(k);
      recentWriters.set(key, t + stickyMs);
    }
    const sticky = key !== undefined && (recentWriters.get(key) ?? 0) > t;
    scope.run({ primary: write || sticky }, next);
  };

  return {
    readDb,
    middleware,
    async status() {
      const m = await refresh();
      const usable = m.lagMs !== null && m.lagMs <= options.maxLagMs;
      return {
        serving: usable ? 'replica' : 'primary',
        lagSeconds: m.lagMs === null ? null : Math.round(m.lagMs) / 1000,
        maxLagSeconds: options.maxLagMs / 1000,
        checkedAt: options.iso(new Date(m.at)),
        ...(usable ? {} : { reason: m.reason ?? 'lagging' }),
      };
    },
  };
}
