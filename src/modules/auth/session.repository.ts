import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { refreshTokens } from '../../db/schema/index.js';

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshToken(db: Db, row: typeof refreshTokens.$inferInsert): Promise<RefreshTokenRow> {
  const rows = await db.insert(refreshTokens).values(row).returning();
  return rows[0]!;
}

/** Locks the token row for the rest of the transaction, so two refreshes of one token serialise. */
export async function findByHashForUpdate(db: Db, hash: string): Promise<RefreshTokenRow | undefined> {
  const rows = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hash)).for('update').limit(1);
  return rows[0];
}

export async function markReplaced(db: Db, id: string, replacedBy: string, at: Date): Promise<void> {
  await db.update(refreshTokens).set({ replacedBy, revokedAt: at }).where(eq(refreshTokens.id, id));
}

export async function revokeFamily(db: Db, familyId: string, at: Date): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: at })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function familyIdOf(db: Db, hash: string): Promise<string | undefined> {
  const rows = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hash))
    .limit(1);
  return rows[0]?.familyId;
}

/**
 * Deletes the logins (token families) that are over: every token of the family expired or was
 * revoked before `before`. A family with a live token keeps its rotated tokens, so a replayed old
 * token is still recognised and still revokes the family.
 */
export async function deleteFinishedFamilies(db: Db, before: Date): Promise<number> {
  const cutoff = sql`${before.toISOString()}::timestamptz`;
  const rows = await db
    .delete(refreshTokens)
    .where(
      inArray(
        refreshTokens.familyId,
        db
          .select({ familyId: refreshTokens.familyId })
          .from(refreshTokens)
          .groupBy(refreshTokens.familyId)
          .having(
            sql`bool_and(${refreshTokens.expiresAt} < ${cutoff} or coalesce(${refreshTokens.revokedAt} < ${cutoff}, false))`,
          ),
      ),
    )
    .returning({ id: refreshTokens.id });
  return rows.length;
}
