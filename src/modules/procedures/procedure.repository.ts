import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { procedures } from '../../db/schema/index.js';

export type ProcedureRow = typeof procedures.$inferSelect;
export type NewProcedure = typeof procedures.$inferInsert;

export interface ProcedureFilter {
  code?: string;
  field?: string;
  agencyId?: string;
  q?: string;
  active?: boolean;
  after?: string[];
  limit: number;
}

export async function insertProcedure(db: Db, row: NewProcedure): Promise<ProcedureRow> {
  return (await db.insert(procedures).values(row).returning())[0]!;
}

export async function findProcedure(db: Db, id: string): Promise<ProcedureRow | undefined> {
  return (await db.select().from(procedures).where(eq(procedures.id, id)).limit(1))[0];
}

export async function findByCode(db: Db, code: string): Promise<ProcedureRow | undefined> {
  return (await db.select().from(procedures).where(eq(procedures.code, code)).limit(1))[0];
}

export function listProcedures(db: Db, f: ProcedureFilter): Promise<ProcedureRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (f.code) conditions.push(eq(procedures.code, f.code));
  if (f.field) conditions.push(eq(procedures.field, f.field));
  if (f.agencyId) conditions.push(eq(procedures.agencyId, f.agencyId));
  if (f.active !== undefined) conditions.push(eq(procedures.active, f.active));
  if (f.q) {
    const pattern = containsPattern(f.q);
    conditions.push(or(ilike(procedures.name, pattern), ilike(procedures.code, pattern)));
  }
  if (f.after) conditions.push(gt(procedures.code, f.after[0]!));
  return db
    .select()
    .from(procedures)
    .where(and(...conditions))
    .orderBy(asc(procedures.code))
    .limit(f.limit + 1);
}

export async function updateProcedure(
  db: Db,
  id: string,
  patch: Partial<NewProcedure>,
): Promise<ProcedureRow | undefined> {
  return (
    await db
      .update(procedures)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(procedures.id, id))
      .returning()
  )[0];
}
