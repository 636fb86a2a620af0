import { and, asc, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { agencyScope } from '../../db/scope.js';
import { refreshTokens, users } from '../../db/schema/index.js';
import type { Actor, Role } from './roles.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export interface UserFilter {
  agencyId?: string;
  role?: Role;
  q?: string;
  disabled?: boolean;
  after?: string[];
  limit: number;
}

export function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db
    .insert(users)
    .values(user)
    .returning()
    .then((rows) => rows[0]!);
}

/** Unscoped: for login and the signed-in user's own record only. */
export async function findByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

/** Unscoped: for the signed-in user's own record only. */
export async function findById(db: Db, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export function findByIds(db: Db, ids: string[]): Promise<UserRow[]> {
  return ids.length === 0 ? Promise.resolve([]) : db.select().from(users).where(inArray(users.id, ids));
}

/** Enabled users of the agencies holding a role. */
export function enabledWithRole(
  db: Db,
  agencyIds: string[],
  role: Role,
): Promise<Array<{ id: string; agencyId: string }>> {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: users.id, agencyId: sql<string>`${users.agencyId}` })
    .from(users)
    .where(and(inArray(users.agencyId, agencyIds), sql`${role} = any(${users.roles})`, eq(users.disabled, false)));
}

/**
 * Unscoped display names, for papers that name the staff who handled a dossier (form 05): a
 * receptionist's control slip names the department's officers, whom it cannot list.
 */
export function findNames(db: Db, ids: string[]): Promise<Array<{ id: string; fullName: string }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, ids));
}

/** A user the actor may see, or undefined (which the service answers as 404). */
export async function findVisible(db: Db, actor: Actor, id: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), agencyScope(actor, users.agencyId)))
    .limit(1);
  return rows[0];
}

export function listVisible(db: Db, actor: Actor, f: UserFilter): Promise<UserRow[]> {
  const conditions: (SQL | undefined)[] = [agencyScope(actor, users.agencyId)];
  if (f.agencyId) conditions.push(eq(users.agencyId, f.agencyId));
  if (f.role) conditions.push(sql`${f.role} = any(${users.roles})`);
  if (f.disabled !== undefined) conditions.push(eq(users.disabled, f.disabled));
  if (f.q) {
    const pattern = containsPattern(f.q);
    conditions.push(or(ilike(users.username, pattern), ilike(users.fullName, pattern)));
  }
  if (f.after) {
    const [username, id] = f.after as [string, string];
    conditions.push(or(gt(users.username, username), and(eq(users.username, username), gt(users.id, id))));
  }
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username), asc(users.id))
    .limit(f.limit + 1);
}

export async function updateUser(db: Db, id: string, patch: Partial<NewUser>): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return rows[0];
}

/** Counts a wrong password; locks the account when `maxFailures` is reached. Atomic under concurrency. */
export async function recordFailedLogin(db: Db, id: string, maxFailures: number, lockUntil: Date): Promise<void> {
  await db
    .update(users)
    .set({
      failedLogins: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, id));
}

export async function clearFailedLogins(db: Db, id: string): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
}

export async function revokeUserTokens(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: at })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(rows[0]?.n ?? 0);
}
