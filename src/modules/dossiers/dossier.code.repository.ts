import { eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { dailyCounters, dossiers } from '../../db/schema/index.js';
import type { DossierRow } from './dossier.repository.js';

// The agency's daily code counter (domain B6), used by the write path's intake only.

/** The code `assignDailyCode` takes, as a value its `statements` may use. */
export const TAKEN_CODE = sql`(select code from taken)`;

/**
 * Domain B6: takes the next number of the agency's day and gives the dossier its code, in one statement
 * (the counter's upsert, the code, the dossier's update and the listeners' `statements`, which may use
 * `TAKEN_CODE`, as CTEs). The counter row stays locked to the commit, so every intake of the agency's
 * day waits here; what the intake wrote before this statement does not wait.
 */
export async function assignDailyCode(
  tx: Tx,
  a: {
    dossierId: string;
    agencyId: string;
    day: string;
    prefix: string;
    statements: readonly SQL[];
  },
): Promise<DossierRow> {
  // Written out: a query builder embedded here comes in parentheses, which a data-modifying CTE may not have.
  const seq = tx.$with('seq', { lastSeq: sql<number>`last_seq`.as('last_seq') }).as(
    sql`insert into ${dailyCounters} (agency_id, day, last_seq) values (${a.agencyId}, ${a.day}, 1)
      on conflict (agency_id, day) do update set last_seq = ${dailyCounters.lastSeq} + 1 returning last_seq`,
  );
  // dossierCode() in SQL: four digits, more when needed.
  const taken = tx
    .$with('taken', { code: sql<string>`code`.as('code') })
    .as(
      sql`select ${a.prefix} || case when last_seq < 10000 then lpad(last_seq::text, 4, '0') else last_seq::text end as code from ${seq}`,
    );
  const writes = a.statements.map((statement, i) => tx.$with(`write_${i}`, {}).as(statement));
  const rows = await tx
    .with(seq, taken, ...writes)
    .update(dossiers)
    .set({ code: TAKEN_CODE })
    .where(eq(dossiers.id, a.dossierId))
    .returning();
  return rows[0]!;
}
