import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { agencyScope } from '../../db/scope.js';
import { refusals } from '../../db/schema/index.js';
import type { Actor } from '../auth/roles.js';

export type RefusalRow = typeof refusals.$inferSelect;

/** Read-only: refusals are written by the dossiers module at the counter (POST /refusals). */
export async function findVisibleRefusal(db: Db, actor: Actor, id: string): Promise<RefusalRow | undefined> {
  return (
    await db
      .select()
      .from(refusals)
      .where(and(eq(refusals.id, id), agencyScope(actor, refusals.agencyId)))
      .limit(1)
  )[0];
}

export function listVisibleRefusals(
  db: Db,
  actor: Actor,
  f: { from?: Date; to?: Date; after?: [string, string]; limit: number },
): Promise<RefusalRow[]> {
  const c: (SQL | undefined)[] = [agencyScope(actor, refusals.agencyId)];
  if (f.from) c.push(sql`${refusals.at} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) c.push(sql`${refusals.at} < ${f.to.toISOString()}::timestamptz`);
  if (f.after) c.push(sql`(${refusals.at}, ${refusals.id}) < (${f.after[0]}::timestamptz, ${f.after[1]}::uuid)`);
  return db
    .select()
    .from(refusals)
    .where(and(...c))
    .orderBy(desc(refusals.at), desc(refusals.id))
    .limit(f.limit + 1);
}
