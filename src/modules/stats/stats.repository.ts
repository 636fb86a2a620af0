import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { and, eq, inArray } from 'drizzle-orm';
import { queryRows } from '../../db/rows.js';
import { statsSnapshots } from '../../db/schema/index.js';

/** One agency's counts for a period (domain B4) and the parts of the index feed (domain B5). */
export interface AgencyCounts {
  agencyId: string;
  receivedOnline: number;
  receivedDirect: number;
  carriedOver: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  withdrawn: number;
  inProgressWithin: number;
  inProgressOverdue: number;
  /** B5: dossiers ended by their deadline or still within it at E, with at most one supplement request. */
  progressOnTime: number;
  /** B5: dossiers of the progress population rated "dissatisfied". */
  dissatisfied: number;
  /** B5 (issue 13): dossiers of the progress population rated at all; satisfaction needs at least one. */
  rated: number;
}

export const COUNT_COLUMNS = [
  'receivedOnline',
  'receivedDirect',
  'carriedOver',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'withdrawn',
  'inProgressWithin',
  'inProgressOverdue',
  'progressOnTime',
  'dissatisfied',
  'rated',
] as const satisfies ReadonlyArray<keyof AgencyCounts>;

export interface CountQuery {
  /** S and E as instants (domain B4). */
  start: Date;
  end: Date;
  timeZone: string;
  /** Group by procedure instead of agency (the agency is then a filter). */
  byProcedure?: boolean;
  agencyIds?: string[];
}

/**
 * The period counts in one pass over the dossiers that matter for [S, E): received before E and not
 * ended before S. Each dossier counts for one agency only: the one handling it when it finished or
 * was withdrawn within the period, otherwise the one handling it at E (transfers, domain B4). Open
 * dossiers are classified at E with the deadline as it stood then: the `due_before` of the first
 * pause not closed before E, which is also how we know the dossier was paused at E.
 */
export async function countByAgency(db: Db, q: CountQuery): Promise<Array<AgencyCounts & { procedureId?: string }>> {
  // PostgreSQL's JIT spends ~350 ms compiling this statement on a million dossiers (its cost estimate
  // is inflated by the grouping) and wins nothing back: turn it off for this transaction only. Sorts
  // are off too: the planner would sort the period's rows (600 k in a month of a 10 M country) to
  // group them into a few hundred agencies, where hashing them costs less.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('enable_sort', 'off', true)`);
    return queryRows<Record<string, unknown>>(tx, countSql(q));
  });
  return rows.map((r) => ({
    agencyId: r.agency_id as string,
    ...(q.byProcedure ? { procedureId: r.procedure_id as string } : {}),
    receivedOnline: Number(r.received_online),
    receivedDirect: Number(r.received_direct),
    carriedOver: Number(r.carried_over),
    resolvedEarly: Number(r.resolved_early),
    resolvedOnTime: Number(r.resolved_on_time),
    resolvedLate: Number(r.resolved_late),
    withdrawn: Number(r.withdrawn),
    inProgressWithin: Number(r.in_progress_within),
    inProgressOverdue: Number(r.in_progress_overdue),
    progressOnTime: Number(r.progress_on_time),
    dissatisfied: Number(r.dissatisfied),
    rated: Number(r.rated),
  }));
}

/** Snapshot rows of a period and window under a rule version (own figures per agency). */
/**
 * The stored rows of a period for the agencies asked about (issue 14: a supervisor's 22 agencies,
 * not the country's 1,900 rows then filtered), through the unique index on (period, window, rule, agency).
 */
export function snapshotRows(
  db: Db,
  label: string,
  window: string,
  ruleVersion: string,
  agencyIds?: readonly string[],
) {
  return db
    .select()
    .from(statsSnapshots)
    .where(
      and(
        eq(statsSnapshots.periodLabel, label),
        eq(statsSnapshots.window, window),
        eq(statsSnapshots.ruleVersion, ruleVersion),
        agencyIds ? inArray(statsSnapshots.agencyId, [...agencyIds]) : undefined,
      ),
    );
}

/**
 * Issue 13: an imported dossier carries the externalId of its older system (live intake never sets
 * one). Without forward or send-back events it has no step history: its first step ran from receipt
 * to the decision, so its time says nothing about the counter. The imported ids are one hashed set
 * (few, through the unique index on external_id), so other steps pay one hash probe each.
 */
const importedWithoutStepHistory = sql`case when s.dossier_id in (select x.id from dossiers x where x.external_id is not null)
  then not exists (select 1 from dossier_events f where f.dossier_id = s.dossier_id and f.type in ('forward', 'send-back'))
  else false end`;

/**
 * Steps finished in [S, E) per agency and step name: how many, how many late, the office time they
 * took; steps of imported dossiers without step history are left out, and those dossiers counted.
 */
export async function stepTimes(db: Db, start: Date, end: Date, agencyIds: string[]) {
  if (agencyIds.length === 0) return { rows: [], excludedImported: 0 };
  const steps = sql`s.finished_at >= ${start.toISOString()}::timestamptz and s.finished_at < ${end.toISOString()}::timestamptz
    and s.agency_id in ${agencyIds}`;
  // The never-run subplan of the imported test inflates the cost estimate past the JIT threshold:
  // 1.5 s of compilation for a 100 ms statement (EXPLAIN, docs/benchmarks.md). Off for this one.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<Record<string, unknown>>(
      tx,
      sql`
      select s.agency_id, s.name, count(*)::int as finished, count(*) filter (where s.classification = 'late')::int as late,
        coalesce(sum(s.working_ms), 0)::bigint as working_ms
      from dossier_steps s
      where ${steps} and not ${importedWithoutStepHistory}
      group by s.agency_id, s.name`,
    );
  });
  const [excluded] = await queryRows<{ n: number }>(
    db,
    sql`
    select count(distinct s.dossier_id)::int as n from dossier_steps s
    where s.dossier_id in (select x.id from dossiers x where x.external_id is not null) and ${steps} and ${importedWithoutStepHistory}`,
  );
  return {
    rows: rows.map((r) => ({
      agencyId: r.agency_id as string,
      step: r.name as string,
      finished: Number(r.finished),
      late: Number(r.late),
      workingMs: Number(r.working_ms),
    })),
    excludedImported: Number(excluded?.n ?? 0),
  };
}

/** Drops every stored snapshot (after history was imported into past periods); reads go live until the next run. */
export async function deleteSnapshots(db: Db): Promise<void> {
  await db.delete(statsSnapshots);
}

/** The statement behind countByAgency. */
function countSql(q: CountQuery): SQL {
  const S = sql`${q.start.toISOString()}::timestamptz`;
  const E = sql`${q.end.toISOString()}::timestamptz`;
  // The zone is inlined as a quoted literal (it comes from validated config, never from a client):
  // as a bind parameter PostgreSQL resolves it again for every row, which doubles the query time.
  const tz = sql.raw(`'${q.timeZone.replace(/'/g, "''")}'`);
  const local = (column: SQL) => sql`(${column} at time zone ${tz})::date`;
  const wanted = q.agencyIds && q.agencyIds.length > 0 ? q.agencyIds : undefined;
  const filter = wanted ? sql`where attributed in ${wanted}` : sql``;
  const inPeriod = sql`x.received_at < ${E} and (coalesce(x.finished_at, x.withdrawn_at) is null or coalesce(x.finished_at, x.withdrawn_at) >= ${S})`;
  // Each dossier counts for its current agency unless it was transferred and had not ended by E:
  // then for the agency it was with at E, the target of its last transfer before E, else its first
  // agency (domain B4). The two kinds are counted apart and added up: the first is a plain scan that
  // PostgreSQL runs in parallel workers (any join or subquery for the transfers on that scan kept the
  // whole statement in one process: 1.7× the bare GROUP BY on 10 M dossiers), the second is a few
  // rows found by the partial index on transferred dossiers.
  const columns = sql.raw(`x.id, x.channel, x.received_at, x.finished_at, x.withdrawn_at, x.due_at,
    x.supplement_count, x.procedure_id`);
  const openAtE = sql`(coalesce(x.finished_at, x.withdrawn_at) is null or coalesce(x.finished_at, x.withdrawn_at) >= ${E})`;
  const own = sql`(select ${columns}, x.agency_id as attributed from dossiers x
    where ${wanted ? sql`x.agency_id in ${wanted} and ` : sql``}${inPeriod} and not (x.transfer_count > 0 and ${openAtE}))`;
  const moved = sql`(select ${columns}, coalesce(last.agency_id, x.initial_agency_id) as attributed from dossiers x
    left join lateral (
      select (e.data->>'toAgencyId')::uuid as agency_id from dossier_events e
      where e.dossier_id = x.id and e.type = 'transfer' and e.at < ${E} order by e.seq desc limit 1
    ) last on true
    where x.transfer_count > 0 and ${inPeriod} and ${openAtE})`;
  // The first pause of each dossier not closed before E (pauses never overlap): for a few agencies one
  // index probe per dossier (dossier_pauses_dossier_idx); for the whole country one pass over the
  // pauses, hash-joined.
  const firstOpenPause = wanted
    ? sql`left join lateral (
        select ps.started_at, ps.due_before from dossier_pauses ps
        where ps.dossier_id = d.id and (ps.ended_at is null or ps.ended_at >= ${E}) order by ps.started_at limit 1
      ) p on true`
    : sql`left join (
        select distinct on (ps.dossier_id) ps.dossier_id, ps.started_at, ps.due_before from dossier_pauses ps
        where ps.ended_at is null or ps.ended_at >= ${E} order by ps.dossier_id, ps.started_at
      ) p on p.dossier_id = d.id`;
  // The rating given before E: for a few agencies one probe of its primary key per dossier (a hash of
  // every rating in the country took 2 s for one agency's 4,000 dossiers), for the country one hash join.
  const rating = wanted
    ? sql`left join lateral (select r.level from ratings r where r.dossier_id = d.id and r.at < ${E} limit 1) r on true`
    : sql`left join ratings r on r.dossier_id = d.id and r.at < ${E}`;
  const group = q.byProcedure ? sql`attributed, procedure_id` : sql`attributed`;
  const counts = (source: SQL, where: SQL) => sql`
    with base as (
      select d.channel, d.received_at, d.finished_at, d.withdrawn_at, d.due_at, d.supplement_count, d.procedure_id,
        coalesce(d.finished_at, d.withdrawn_at) as ended_at,
        d.attributed,
        p.started_at as pause_started, p.due_before,
        r.level as rating
      from ${source} d
      ${firstOpenPause}
      ${rating}
    ), classified as (
      select *,
        ended_at is not null and ended_at < ${E} as ended,
        (pause_started is not null and pause_started < ${E}) as paused_at_end,
        coalesce(due_before, due_at) as due_at_end
      from base
    )
    select attributed as agency_id, ${q.byProcedure ? sql`procedure_id` : sql`null`} as procedure_id,
      count(*) filter (where received_at >= ${S} and channel = 'online')::int as received_online,
      count(*) filter (where received_at >= ${S} and channel <> 'online')::int as received_direct,
      count(*) filter (where received_at < ${S})::int as carried_over,
      count(*) filter (where ended and finished_at is not null and finished_at <= due_at and ${local(sql`finished_at`)} < ${local(sql`due_at`)})::int as resolved_early,
      count(*) filter (where ended and finished_at is not null and finished_at <= due_at and ${local(sql`finished_at`)} >= ${local(sql`due_at`)})::int as resolved_on_time,
      count(*) filter (where ended and finished_at is not null and finished_at > due_at)::int as resolved_late,
      count(*) filter (where ended and withdrawn_at is not null)::int as withdrawn,
      count(*) filter (where not ended and (paused_at_end or due_at_end >= ${E}))::int as in_progress_within,
      count(*) filter (where not ended and not paused_at_end and due_at_end < ${E})::int as in_progress_overdue,
      count(*) filter (where supplement_count <= 1 and (
        (ended and ended_at <= due_at) or (not ended and (paused_at_end or due_at_end >= ${E}))))::int as progress_on_time,
      count(*) filter (where rating = 'dissatisfied')::int as dissatisfied,
      count(*) filter (where rating is not null)::int as rated
    from classified ${where}
    group by ${group}`;
  const sums = sql.raw(SQL_COLUMNS.map((c) => `sum(${c})::int as ${c}`).join(', '));
  return sql`
    with own as (${counts(own, sql``)}), moved as (${counts(moved, filter)})
    select agency_id, procedure_id, ${sums} from (select * from own union all select * from moved) parts
    group by agency_id, procedure_id`;
}

/** The count columns as the statement names them. */
const SQL_COLUMNS = COUNT_COLUMNS.map((c) => c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`));
