import { and, asc, desc, eq, gt, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { queryRows } from '../../db/rows.js';
import { agencySubtree } from '../../db/scope.js';
import { agencies, agencyVersions } from '../../db/schema/index.js';
import type { AgencyLevel } from '../../lib/values.js';

export type AgencyRow = typeof agencies.$inferSelect;
export type NewAgency = typeof agencies.$inferInsert;
export type AgencyVersionRow = typeof agencyVersions.$inferSelect;

export interface AgencyFilter {
  parentId?: string | null;
  level?: AgencyLevel;
  active?: boolean;
  q?: string;
  after?: string[];
  limit: number;
}

export async function insertAgency(db: Db, row: NewAgency): Promise<AgencyRow> {
  return (await db.insert(agencies).values(row).returning())[0]!;
}

export async function findAgency(db: Db, id: string): Promise<AgencyRow | undefined> {
  return (await db.select().from(agencies).where(eq(agencies.id, id)).limit(1))[0];
}

export async function findByElectronicId(db: Db, electronicId: string): Promise<AgencyRow | undefined> {
  return (await db.select().from(agencies).where(eq(agencies.electronicId, electronicId)).limit(1))[0];
}

export function listAgencies(db: Db, f: AgencyFilter): Promise<AgencyRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (f.parentId === null) conditions.push(isNull(agencies.parentId));
  else if (f.parentId) conditions.push(eq(agencies.parentId, f.parentId));
  if (f.level) conditions.push(eq(agencies.level, f.level));
  if (f.active !== undefined) conditions.push(eq(agencies.active, f.active));
  if (f.q) {
    const pattern = containsPattern(f.q);
    conditions.push(or(ilike(agencies.name, pattern), ilike(agencies.electronicId, pattern)));
  }
  if (f.after) {
    const [name, id] = f.after as [string, string];
    conditions.push(or(gt(agencies.name, name), and(eq(agencies.name, name), gt(agencies.id, id))));
  }
  return db
    .select()
    .from(agencies)
    .where(and(...conditions))
    .orderBy(asc(agencies.name), asc(agencies.id))
    .limit(f.limit + 1);
}

/** The agency and all agencies below it (current parent links). */
export function listSubtree(db: Db, rootId: string): Promise<AgencyRow[]> {
  return db
    .select()
    .from(agencies)
    .where(sql`${agencies.id} in ${agencySubtree(rootId)}`)
    .orderBy(asc(agencies.name));
}

export function listAll(db: Db): Promise<AgencyRow[]> {
  return db.select().from(agencies).orderBy(asc(agencies.name));
}

export async function isInSubtree(db: Db, rootId: string, candidateId: string): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select ${candidateId}::uuid in ${agencySubtree(rootId)} as found`,
  );
  return rows[0]?.found === true;
}

export async function updateAgency(db: Db, id: string, patch: Partial<NewAgency>): Promise<AgencyRow> {
  return (
    await db
      .update(agencies)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(agencies.id, id))
      .returning()
  )[0]!;
}

export async function currentVersion(db: Db, agencyId: string): Promise<AgencyVersionRow | undefined> {
  return (
    await db
      .select()
      .from(agencyVersions)
      .where(and(eq(agencyVersions.agencyId, agencyId), isNull(agencyVersions.validTo)))
      .orderBy(desc(agencyVersions.validFrom))
      .limit(1)
  )[0];
}

export async function insertVersion(db: Db, row: typeof agencyVersions.$inferInsert): Promise<void> {
  await db.insert(agencyVersions).values(row);
}

export async function closeVersion(db: Db, versionId: string, validTo: string): Promise<void> {
  await db.update(agencyVersions).set({ validTo }).where(eq(agencyVersions.id, versionId));
}

export async function deleteVersion(db: Db, versionId: string): Promise<void> {
  await db.delete(agencyVersions).where(eq(agencyVersions.id, versionId));
}

export function listVersions(db: Db, agencyId: string): Promise<AgencyVersionRow[]> {
  return db
    .select()
    .from(agencyVersions)
    .where(eq(agencyVersions.agencyId, agencyId))
    .orderBy(asc(agencyVersions.validFrom), asc(agencyVersions.changedAt));
}
