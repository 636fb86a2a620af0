import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

/**
 * Figures next to report II.06a that are not dossier counts of B4 (issue 13): refusals at the
 * counter (form 03) and apologies by kind (domain B2). Always computed live: both tables are small
 * beside the dossiers, and snapshots hold only the B4/B5 counts.
 */
export interface ExtraCounts {
  /** Refusals recorded in [S, E) by the unit whose counter refused (form 03; no dossier exists). */
  refused: number;
  /** Apologies issued in [S, E), attributed to the agency handling the dossier when it was issued. */
  apologies: number;
  /** Domain B2: issued at least one working day before the due instant. */
  apologiesOnTime: number;
  /** Issued less than one working day before the due instant. */
  apologiesShort: number;
  /** Issued after the due instant. */
  apologiesLate: number;
}

export const EXTRA_COLUMNS = [
  'refused',
  'apologies',
  'apologiesOnTime',
  'apologiesShort',
  'apologiesLate',
] as const satisfies ReadonlyArray<keyof ExtraCounts>;

const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Refusals and apologies of [S, E) per agency; agencies without any are absent. */
export async function extraCounts(
  db: Db,
  q: { start: Date; end: Date; agencyIds: string[] },
): Promise<Map<string, ExtraCounts>> {
  const out = new Map<string, ExtraCounts>();
  if (q.agencyIds.length === 0) return out;
  const S = instant(q.start);
  const E = instant(q.end);
  const entry = (id: string) => {
    const hit = out.get(id) ?? { refused: 0, apologies: 0, apologiesOnTime: 0, apologiesShort: 0, apologiesLate: 0 };
    out.set(id, hit);
    return hit;
  };
  const refused = await queryRows<{ agency_id: string; n: number }>(
    db,
    sql`
    select r.agency_id, count(*)::int as n from refusals r
    where r.at >= ${S} and r.at < ${E} and r.agency_id in ${q.agencyIds} group by r.agency_id`,
  );
  for (const r of refused) entry(r.agency_id).refused = Number(r.n);
  // The agency handling the dossier at the apology: as in countByAgency, the last transfer before it.
  const apologies = await queryRows<{ agency_id: string; total: number; on_time: number; short: number; late: number }>(
    db,
    sql`
    select a.agency_id, count(*)::int as total, count(*) filter (where a.kind = 'on_time')::int as on_time,
      count(*) filter (where a.kind = 'short')::int as short, count(*) filter (where a.kind = 'late')::int as late
    from (
      select d.apology_kind as kind,
        case when d.transfer_count = 0 then d.agency_id
          else coalesce((select (e.data->>'toAgencyId')::uuid from dossier_events e
                         where e.dossier_id = d.id and e.type = 'transfer' and e.at <= d.apology_at order by e.seq desc limit 1), d.initial_agency_id)
        end as agency_id
      from dossiers d where d.apology_at >= ${S} and d.apology_at < ${E}
    ) a
    where a.agency_id in ${q.agencyIds} group by a.agency_id`,
  );
  for (const a of apologies) {
    Object.assign(entry(a.agency_id), {
      apologies: Number(a.total),
      apologiesOnTime: Number(a.on_time),
      apologiesShort: Number(a.short),
      apologiesLate: Number(a.late),
    });
  }
  return out;
}

/** Dossiers received in [S, E) at the counters of `unitIds`, per receiving unit, channel and handling agency at receipt. */
export async function counterReceipts(db: Db, q: { start: Date; end: Date; unitIds: string[] }) {
  if (q.unitIds.length === 0) return [];
  const rows = await queryRows<{ unit_id: string; channel: string; agency_id: string; n: number }>(
    db,
    sql`
    select d.receiving_agency_id as unit_id, d.channel, d.initial_agency_id as agency_id, count(*)::int as n
    from dossiers d
    where d.receiving_agency_id in ${q.unitIds} and d.received_at >= ${instant(q.start)} and d.received_at < ${instant(q.end)}
    group by 1, 2, 3`,
  );
  return rows.map((r) => ({ unitId: r.unit_id, channel: r.channel, agencyId: r.agency_id, count: Number(r.n) }));
}
