import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { calendarOverrides } from '../../db/schema/index.js';

export type OverrideRow = typeof calendarOverrides.$inferSelect;
export type OverrideKind = 'day_off' | 'working_day';

/** Overrides of one year and one scope (null = national). */
export function listForScope(db: Db, year: number, agencyId: string | null): Promise<OverrideRow[]> {
  return db
    .select()
    .from(calendarOverrides)
    .where(
      and(
        eq(calendarOverrides.year, year),
        agencyId ? eq(calendarOverrides.agencyId, agencyId) : isNull(calendarOverrides.agencyId),
      ),
    )
    .orderBy(asc(calendarOverrides.date));
}

/** Every override that applies to an agency: national ones and those of the given scopes. */
export function listForScopes(db: Db, agencyIds: string[]): Promise<OverrideRow[]> {
  const scoped = agencyIds.length > 0 ? inArray(calendarOverrides.agencyId, agencyIds) : undefined;
  return db
    .select()
    .from(calendarOverrides)
    .where(or(isNull(calendarOverrides.agencyId), scoped))
    .orderBy(asc(calendarOverrides.date));
}

export async function replaceForScope(
  db: Db,
  year: number,
  agencyId: string | null,
  rows: Array<{ date: string; kind: OverrideKind; reason: string }>,
  updatedBy: string,
): Promise<void> {
  await db
    .delete(calendarOverrides)
    .where(
      and(
        eq(calendarOverrides.year, year),
        agencyId ? eq(calendarOverrides.agencyId, agencyId) : isNull(calendarOverrides.agencyId),
      ),
    );
  if (rows.length > 0) {
    await db.insert(calendarOverrides).values(rows.map((r) => ({ ...r, year, agencyId, updatedBy })));
  }
}
