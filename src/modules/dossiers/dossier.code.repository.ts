import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { dailyCounters, dossiers } from '../../db/schema/index.js';
import type { DossierRow } from './dossier.repository.js';

// The agency's daily code counter (domain B6), used by the write path's intake only.

/**
 * Domain B6: takes the next number of the agency's day and gives the dossier its code, in one statement
 * (the counter's upsert as a CTE, the code computed in SQL, the dossier's update). The counter row stays
 * locked to the commit, so every intake of the agency's day waits here; what the intake wrote before this
 * statement (its dossier, step, event and messages) does not wait.
 */
export async function assignDailyCode(
  tx: Tx,
  a: {
    dossierId: string;
    agencyId: string;
    day: string;
    prefix: string;
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
  const rows = await tx
    .with(seq, taken)
    .update(dossiers)
    .set({ code: sql`(select code from taken)` })
    .where(eq(dossiers.id, a.dossierId))
    .returning();
  return rows[0]!;
}
