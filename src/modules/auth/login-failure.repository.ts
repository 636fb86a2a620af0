import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { loginFailures } from '../../db/schema/index.js';

/** When the account is locked for this client, or undefined. */
export async function clientLockedUntil(db: Db, userId: string, client: string): Promise<Date | undefined> {
  const rows = await db
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(and(eq(loginFailures.userId, userId), eq(loginFailures.client, client)))
    .limit(1);
  return rows[0]?.lockedUntil ?? undefined;
}

/**
 * Counts a wrong password from one client, atomically: failures older than `windowStart` are
 * forgotten; the `maxFailures`-th one locks the account for this client until `lockUntil`.
 */
export async function recordClientFailure(
  db: Db,
  userId: string,
  client: string,
  at: Date,
  windowStart: Date,
  maxFailures: number,
  lockUntil: Date,
): Promise<void> {
  const prior = sql`case when ${loginFailures.lastFailureAt} < ${windowStart.toISOString()}::timestamptz then 0 else ${loginFailures.failures} end`;
  const locks = maxFailures <= 1;
  await db
    .insert(loginFailures)
    .values({
      userId,
      client,
      failures: locks ? 0 : 1,
      lastFailureAt: at,
      lockedUntil: locks ? lockUntil : null,
    })
    .onConflictDoUpdate({
      target: [loginFailures.userId, loginFailures.client],
      set: {
        failures: sql`case when ${prior} + 1 >= ${maxFailures} then 0 else ${prior} + 1 end`,
        lockedUntil: sql`case when ${prior} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${loginFailures.lockedUntil} end`,
        lastFailureAt: at,
      },
    });
}

export async function clearClientFailures(db: Db, userId: string, client: string): Promise<void> {
  await db.delete(loginFailures).where(and(eq(loginFailures.userId, userId), eq(loginFailures.client, client)));
}

/** An administrator's unlock lifts every client's lock too. */
export async function clearAllClientFailures(db: Db, userId: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.userId, userId));
}

/** Rows whose last failure and lock are both over before `before` (the daily cleanup). */
export async function deleteStaleClientFailures(db: Db, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  const rows = await db
    .delete(loginFailures)
    .where(
      and(
        lt(loginFailures.lastFailureAt, new Date(cutoff)),
        sql`(${loginFailures.lockedUntil} is null or ${loginFailures.lockedUntil} < ${cutoff}::timestamptz)`,
      ),
    )
    .returning({ userId: loginFailures.userId });
  return rows.length;
}
