import type { Clock } from '../../clock.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { formatInstant } from '../../lib/dates.js';
import type { AgencyService } from '../agencies/agency.service.js';
import type { Actor } from '../auth/roles.js';
import { zoneOffsetMs } from '../../lib/dates.js';
import type { ProcedureService } from '../procedures/procedure.service.js';
import { DEFAULT_SCALES, indexFeed, onTimeRate, RULE_VERSION, type IndexScales, type Totals } from './index-rules.js';
import { monthsBetween, outOfBounds, parsePeriod, periodInstants, rangePeriod, STATS_BOUNDS, type Period, type Window } from './periods.js';
import { COUNT_COLUMNS, countByAgency, deleteSnapshots, snapshotRows, stepTimes, type AgencyCounts } from './stats.repository.js';
import { writeSnapshots } from './stats.snapshots.js';

/** A snapshot of a running period serves reads this long; a finished period's final snapshot always. */
const SNAPSHOT_FRESH_MS = 10 * 60_000;

export interface StatsQuery {
  period?: string;
  window: Window;
  from?: string;
  to?: string;
  agencyId?: string;
  rollup: boolean;
}

const zero = (): Totals => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as unknown as Totals;

function add(into: Totals, row: Totals): void {
  for (const c of COUNT_COLUMNS) into[c] += row[c];
}

export type StatsService = ReturnType<typeof createStatsService>;

/** Period statistics (domain B4) and the index feed (B5), computed live in SQL. */
export function createStatsService(db: Db, deps: {
  clock: Clock; timeZone: string; agencies: AgencyService; procedures: ProcedureService; scales?: IndexScales;
  /** Live figures and snapshot reads go here (the read replica when configured, issue 14); writes use `db`. */
  readDb?: Db;
}) {
  const scales = deps.scales ?? DEFAULT_SCALES;
  const readDb = deps.readDb ?? db;
  const { clock, timeZone, agencies } = deps;

  const { minYear, maxYear, maxDays, maxMonths } = STATS_BOUNDS;

  function periodOf(q: StatsQuery): Period {
    if (!q.period && q.from && q.to && q.from > q.to) throw new AppError('STATS_RANGE_TOO_LONG', { max: maxDays, minYear, maxYear });
    const period = q.period ? parsePeriod(q.period, q.window) : q.from && q.to ? rangePeriod(q.from, q.to) : undefined;
    if (!period) throw new AppError('PERIOD_INVALID');
    const problem = outOfBounds(period, !q.period);
    if (problem === 'range') throw new AppError('STATS_RANGE_TOO_LONG', { max: maxDays, minYear, maxYear });
    if (problem === 'year') throw new AppError('STATS_YEAR_OUT_OF_RANGE', { minYear, maxYear });
    return period;
  }

  /** The agencies the caller may see: all for an admin, its subtree for a supervisor; 404 outside. */
  async function scopeOf(actor: Actor, agencyId?: string) {
    const root = actor.roles.includes('admin') ? undefined : actor.agencyId ?? undefined;
    if (!root && !actor.roles.includes('admin')) throw new AppError('AGENCY_NOT_FOUND');
    const visible = await agencies.flat(root);
    if (agencyId && !visible.some((a) => a.id === agencyId)) throw new AppError('AGENCY_NOT_FOUND');
    return visible;
  }

  /** Sums each agency's own figures over its subtree (domain B4 roll-ups). */
  function rollUp(visible: Array<{ id: string; parentId: string | null }>, own: Map<string, Totals>, rollup: boolean): Map<string, Totals> {
    if (!rollup) return own;
    const children = new Map<string, string[]>();
    for (const a of visible) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
    const memo = new Map<string, Totals>();
    const total = (id: string): Totals => {
      const hit = memo.get(id);
      if (hit) return hit;
      const sum = zero();
      add(sum, own.get(id) ?? zero());
      for (const child of children.get(id) ?? []) add(sum, total(child));
      memo.set(id, sum);
      return sum;
    };
    return new Map(visible.map((a) => [a.id, total(a.id)]));
  }

  /** The stored figures of a period: final ones, or recent ones of a running period. */
  async function freshSnapshot(label: string, window: Window, now: number) {
    const rows = await snapshotRows(readDb, label, window, RULE_VERSION);
    if (rows.length === 0) return undefined;
    const first = rows[0]!;
    if (!first.complete && now - first.computedAt.getTime() > SNAPSHOT_FRESH_MS) return undefined;
    return { computedAt: first.computedAt.getTime(), rows: rows.map((r) => ({ agencyId: r.agencyId, ...(r.counts as Totals) })) };
  }

  /** The period, the agencies in scope and the instants S and E of a query. */
  async function frame(actor: Actor, q: StatsQuery) {
    const period = periodOf(q);
    const visible = await scopeOf(actor, q.agencyId);
    const now = clock.now().getTime();
    const offset = zoneOffsetMs(timeZone, now);
    const { start, end } = periodInstants(period, offset, now);
    /** The requested agency, or its subtree when rolled up, within the caller's scope. */
    const targets = async (agencyId: string) => (q.rollup
      ? (await agencies.flat(agencyId)).map((a) => a.id).filter((id) => visible.some((v) => v.id === id))
      : [agencyId]);
    const periodView = { label: period.label, from: period.from, to: period.to, window: period.window };
    return { period, periodView, visible, now, offset, start: new Date(start), end: new Date(end), targets };
  }

  async function compute(actor: Actor, q: StatsQuery) {
    const { periodView, visible, now, offset, start, end } = await frame(actor, q);
    const snapshot = q.period ? await freshSnapshot(q.period, q.window, now) : undefined;
    const rows = snapshot?.rows ?? await countByAgency(readDb, { start, end, timeZone, agencyIds: visible.map((a) => a.id) });
    const own = new Map<string, Totals>(rows.map(({ agencyId, ...counts }) => [agencyId, counts]));
    const totals = rollUp(visible, own, q.rollup);
    const shown = q.agencyId ? visible.filter((a) => a.id === q.agencyId) : visible;
    return {
      header: {
        period: periodView,
        source: snapshot ? 'snapshot' as const : 'live' as const,
        computedAt: formatInstant(snapshot?.computedAt ?? now, offset),
        ruleVersion: RULE_VERSION,
        rollup: q.rollup,
      },
      shown: shown.map((a) => ({ agency: a, totals: totals.get(a.id) ?? zero() })),
    };
  }

  const publicCounts = (t: Totals) => {
    const { progressOnTime: _p, dissatisfied: _d, ...counts } = t;
    return { ...counts, onTimeRate: onTimeRate(t) };
  };

  return {
    /** Imported history may change finished periods: their snapshots are no longer final. */
    invalidateSnapshots: () => deleteSnapshots(db),

    /** The nightly job's work: every agency's own figures of the refreshed periods, as of `asOf`. */
    snapshot: (tx: Tx, asOf: Date) => writeSnapshots(tx, asOf, timeZone),

    async agencies(actor: Actor, q: StatsQuery) {
      const { header, shown } = await compute(actor, q);
      return { ...header, rows: shown.map(({ agency, totals }) => ({ agencyId: agency.id, agencyName: agency.name, parentId: agency.parentId, ...publicCounts(totals) })) };
    },

    /** The reporting unit of a sheet (II.06a "đơn vị báo cáo") and the place for its date line. */
    async reportUnit(actor: Actor, agencyId?: string) {
      const id = agencyId ?? actor.agencyId ?? (await agencies.flat()).find((a) => a.parentId === null)?.id;
      if (!id) return { unitName: '', placeName: 'Việt Nam' };
      const chain = await Promise.all((await agencies.chain(id)).map((link) => agencies.get(link.id)));
      const root = chain[chain.length - 1]!.name;
      return { unitName: chain[0]!.name, placeName: root.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').replace(/^(tỉnh|thành phố)\s+/i, '') };
    },

    /** Where the time went: per agency of the subtree and per step, late steps and office time spent. */
    async steps(actor: Actor, q: StatsQuery & { agencyId: string }) {
      const { periodView, visible, now, offset, start, end, targets } = await frame(actor, q);
      const ids = await targets(q.agencyId);
      const names = new Map(visible.map((a) => [a.id, a.name]));
      const hours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;
      const rows = (await stepTimes(readDb, start, end, ids)).map((r) => ({
        agencyId: r.agencyId, agencyName: names.get(r.agencyId) ?? null, step: r.step, finished: r.finished, late: r.late,
        lateShare: r.finished === 0 ? null : Math.round((r.late / r.finished) * 10000) / 10000,
        workingHours: hours(r.workingMs), averageWorkingHours: r.finished === 0 ? null : hours(r.workingMs / r.finished),
      }));
      rows.sort((a, b) => b.late - a.late || b.workingHours - a.workingHours);
      return { period: periodView, computedAt: formatInstant(now, offset), agencyId: q.agencyId, rows };
    },

    /** A monthly series for one agency (its subtree when rolled up). */
    async trend(actor: Actor, q: { from: string; to: string; window: Window; agencyId: string; rollup: boolean }) {
      const years = [Number(q.from.slice(0, 4)), Number(q.to.slice(0, 4))];
      if (years.some((y) => y < minYear || y > maxYear)) throw new AppError('STATS_YEAR_OUT_OF_RANGE', { minYear, maxYear });
      const months = monthsBetween(q.from, q.to);
      if (months.length === 0 || months.length > maxMonths) throw new AppError('STATS_TREND_TOO_LONG', { max: maxMonths });
      const series = [];
      for (const month of months) {
        const { header, shown } = await compute(actor, { period: month, window: q.window, agencyId: q.agencyId, rollup: q.rollup });
        series.push({ period: header.period, source: header.source, ...publicCounts(shown[0]!.totals) });
      }
      return { agencyId: q.agencyId, window: q.window, ruleVersion: RULE_VERSION, series };
    },

    async index(actor: Actor, q: StatsQuery) {
      const { header, shown } = await compute(actor, q);
      return { ...header, rows: shown.map(({ agency, totals }) => ({ agencyId: agency.id, agencyName: agency.name, ...indexFeed(totals, scales) })) };
    },

    /** The same columns per procedure, for one agency (its subtree when rolled up). */
    async procedures(actor: Actor, q: StatsQuery & { agencyId: string }) {
      const { periodView, now, offset, start, end, targets } = await frame(actor, q);
      const rows = await countByAgency(readDb, { start, end, timeZone, agencyIds: await targets(q.agencyId), byProcedure: true });
      const byProcedure = new Map<string, Totals>();
      for (const { procedureId, agencyId: _a, ...counts } of rows as Array<AgencyCounts & { procedureId: string }>) {
        const sum = byProcedure.get(procedureId) ?? zero();
        add(sum, counts);
        byProcedure.set(procedureId, sum);
      }
      const out = [];
      for (const [procedureId, totals] of byProcedure) {
        const p = await deps.procedures.get(procedureId);
        out.push({ procedureId, procedureCode: p.code, procedureName: p.name, field: p.field, ...publicCounts(totals) });
      }
      out.sort((a, b) => a.procedureCode.localeCompare(b.procedureCode));
      return {
        period: periodView, source: 'live', computedAt: formatInstant(now, offset),
        ruleVersion: RULE_VERSION, agencyId: q.agencyId, agencyName: (await agencies.get(q.agencyId)).name, rows: out,
      };
    },
  };
}
