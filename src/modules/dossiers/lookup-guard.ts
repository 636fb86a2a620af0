import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { lookupFailures } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';

export interface LookupLimits {
  /** Wrong second factors per code per local day, from all clients together, before the code closes for the day. */
  dailyFailureCeiling: number;
  /** The phone digits close for this long after a wrong guess, doubling with each further one. */
  phone4LockHours: number;
}

const MAX_DOUBLINGS = 6;

/**
 * The code-wide half of the public lookup limits (issue 9 item 3; the per-address half is the
 * rate limiter in app.ts, keyed by code and client). The PIN stands a
 * high daily ceiling (6 of 31 characters: 8.9e8 PINs); the phone's last four digits (1e4) close after one wrong guess for
 * `phone4LockHours`, doubling each time, so the true holder still gets in with the PIN from the
 * receipt while a stranger gets at most one phone guess per window. Budgets in the README.
 */
/** What the limits read of a code's failures row (read on its own, or joined to the citizen's page). */
export type FailureState = Pick<typeof lookupFailures.$inferSelect, 'day' | 'failures' | 'phone4LockedUntil'>;

export function lookupGuard(db: Db, limits: LookupLimits) {
  /** Refuses before the factor is even compared, so a refused request teaches nothing. */
  function refuse(row: FailureState | null | undefined, factor: 'pin' | 'phone4', day: string, now: Date): void {
    if (!row) return;
    if (row.day === day && row.failures >= limits.dailyFailureCeiling) throw new AppError('LOOKUP_CODE_LOCKED');
    if (factor === 'phone4' && row.phone4LockedUntil && row.phone4LockedUntil > now)
      throw new AppError('LOOKUP_PHONE_LOCKED');
  }
  return {
    /** The limits on a failures row already read on the primary (the citizen's page joins it: one round trip). */
    refuse,

    /** The limits, reading the code's failures row on the primary. */
    async check(code: string, factor: 'pin' | 'phone4', day: string, now: Date): Promise<void> {
      const [row] = await db.select().from(lookupFailures).where(eq(lookupFailures.code, code)).limit(1);
      refuse(row, factor, day, now);
    },

    async recordFailure(code: string, factor: 'pin' | 'phone4', day: string, now: Date): Promise<void> {
      const phone = factor === 'phone4' ? 1 : 0;
      const firstLock = phone ? new Date(now.getTime() + limits.phone4LockHours * 3_600_000) : null;
      await db
        .insert(lookupFailures)
        .values({
          code,
          day,
          failures: 1,
          phone4Failures: phone,
          phone4LockedUntil: firstLock,
          lastFailureAt: now,
        })
        .onConflictDoUpdate({
          target: lookupFailures.code,
          set: {
            failures: sql`case when ${lookupFailures.day} = excluded.day then ${lookupFailures.failures} + 1 else 1 end`,
            day: sql`excluded.day`,
            phone4Failures: sql`${lookupFailures.phone4Failures} + excluded.phone4_failures`,
            phone4LockedUntil: phone
              ? sql`${now.toISOString()}::timestamptz + make_interval(hours => ${limits.phone4LockHours}
                * power(2, least(${lookupFailures.phone4Failures}, ${MAX_DOUBLINGS}))::int)`
              : sql`${lookupFailures.phone4LockedUntil}`,
            lastFailureAt: now,
          },
        });
    },
  };
}

export type LookupGuard = ReturnType<typeof lookupGuard>;
