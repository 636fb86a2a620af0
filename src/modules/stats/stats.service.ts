import type { Clock } from '../../clock.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { formatInstant } from '../../lib/dates.js';
import type { AgencyService } from '../agencies/agency.service.js';
import type { Actor } from '../auth/roles.js';
import { zoneOffsetMs } from '../../lib/dates.js';
import type { ProcedureService } from '../procedures/procedure.service.js';
import {
  DEFAULT_SCALES,
  DIGITIZATION_RULE_VERSION,
  digitizationFeed,
  indexFeed,
  onTimeRate,
  round,
  RULE_VERSION,
  sumOverSubtree,
  type DigitizationCounts,
  type DigitizationScales,
  type IndexScales,
  type Totals,
} from './index-rules.js';
import {
  monthsBetween,
  outOfBounds,
  parsePeriod,
  periodInstants,
  rangePeriod,
  STATS_BOUNDS,
  type Period,
  type Window,
} from './periods.js';
import {
  COUNT_COLUMNS,
  countByAgency,
  deleteSnapshots,
  snapshotRows,
  stepTimes,
  type AgencyCounts,
} from './stats.repository.js';
import { receivedAtCounter } from './stats.counter.js';
import { EXTRA_COLUMNS, extraCounts, type ExtraCounts } from './stats.extra.repository.js';
import { writeSnapshots, type SnapshotDigitization } from './stats.snapshots.js';

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

/** The B4/B5 counts (snapshotted) and the live figures beside them (issue 13). */
type Figures = Totals & ExtraCounts;
const COLUMNS = [...COUNT_COLUMNS, ...EXTRA_COLUMNS];

const zero = (): Figures => Object.fromEntries(COLUMNS.map((c) => [c, 0])) as unknown as Figures;

function add(into: Figures, row: Partial<Figures>): void {
  for (const c of COLUMNS) into[c] += row[c] ?? 0;
}

/** The entry of `id`, created at zero. */
function entry(map: Map<string, Figures>, id: string): Figures {
  const hit = map.get(id) ?? zero();
  map.set(id, hit);
  return hit;
}

export type StatsService = ReturnType<typeof createStatsService>;

/** Period statistics (domain B4) and the index feed (B5), computed live in SQL. */
/** The digitisation counts come from the files module, which owns their tables (docs/digitization.md). */
export interface DigitizationSource {
  /** No agencyIds: every agency; `via` the snapshot's transaction or the read handle. */
  counts(q: { start: Date; end: Date; agencyIds?: string[] }, via?: Db): Promise<Map<string, DigitizationCounts>>;
  scales: DigitizationScales;
}

export function createStatsService(
  db: Db,
  deps: {
    clock: Clock;
    timeZone: string;
    agencies: AgencyService;
    procedures: ProcedureService;
    scales?: IndexScales;
    digitization?: DigitizationSource;
    /** Live figures and snapshot reads go here (the read replica when configured, issue 14); writes use `db`. */
    readDb?: Db;
  },
) {
  const scales = deps.scales ?? DEFAULT_SCALES;
  const readDb = deps.readDb ?? db;
  const { clock, timeZone, agencies } = deps;

  const { minYear, maxYear, maxDays, maxMonths } = STATS_BOUNDS;

  function periodOf(q: StatsQuery): Period {
    if (!q.period && q.from && q.to && q.from > q.to)
      throw new AppError('STATS_RANGE_TOO_LONG', { max: maxDays, minYear, maxYear });
    const period = q.period ? parsePeriod(q.period, q.window) : q.from && q.to ? rangePeriod(q.from, q.to) : undefined;
    if (!period) throw new AppError('PERIOD_INVALID');
    const problem = outOfBounds(period, !q.period);
    if (problem === 'range') throw new AppError('STATS_RANGE_TOO_LONG', { max: maxDays, minYear, maxYear });
    if (problem === 'year') throw new AppError('STATS_YEAR_OUT_OF_RANGE', { minYear, maxYear });
    return period;
  }

  /** The agencies the caller may see: all for an admin, its subtree for a supervisor; 404 outside. */
  async function scopeOf(actor: Actor, agencyId?: string) {
    const root = actor.roles.includes('admin') ? undefined : (actor.agencyId ?? undefined);
    if (!root && !actor.roles.includes('admin')) throw new AppError('AGENCY_NOT_FOUND');
    const visible = await agencies.flat(root);
    if (agencyId && !visible.some((a) => a.id === agencyId)) throw new AppError('AGENCY_NOT_FOUND');
    return visible;
  }

  /** Sums each agency's own figures over its subtree (domain B4 roll-ups). */
  function rollUp(
    visible: Array<{ id: string; parentId: string | null }>,
    own: Map<string, Figures>,
    rollup: boolean,
  ): Map<string, Figures> {
    if (!rollup) return own;
    const children = new Map<string, string[]>();
    for (const a of visible) if (a.parentId) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
    const memo = new Map<string, Figures>();
    const total = (id: string): Figures => {
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
  async function freshSnapshot(label: string, window: Window, now: number, agencyIds: readonly string[]) {
    const rows = await snapshotRows(readDb, label, window, RULE_VERSION, agencyIds);
    if (rows.length === 0) return undefined;
    const first = rows[0]!;
    if (!first.complete && now - first.computedAt.getTime() > SNAPSHOT_FRESH_MS) return undefined;
    // Issue 15: the digitisation counts of the same run, when every row has them under today's rules.
    const digitization = new Map<string, DigitizationCounts>();
    for (const r of rows) {
      const d = (r.counts as { digitization?: SnapshotDigitization }).digitization;
      if (d?.ruleVersion === DIGITIZATION_RULE_VERSION) digitization.set(r.agencyId, d);
    }
    return {
      computedAt: first.computedAt.getTime(),
      rows: rows.map((r) => ({ agencyId: r.agencyId, ...(r.counts as Totals) })),
      digitization: digitization.size === rows.length ? digitization : undefined,
    };
  }

  /**
   * The period, the agencies in scope and the instants S and E of a query. `ownByDefault` (issue 13):
   * without an agencyId the query is about the caller's own agency (its subtree when rolled up).
   */
  async function frame(actor: Actor, q: StatsQuery, ownByDefault = false) {
    const period = periodOf(q);
    const agencyId = q.agencyId ?? (ownByDefault ? (actor.agencyId ?? undefined) : undefined);
    const visible = await scopeOf(actor, agencyId);
    const now = clock.now().getTime();
    const offset = zoneOffsetMs(timeZone, now);
    const { start, end } = periodInstants(period, offset, now);
    /** The requested agency, or its subtree when rolled up, within the caller's scope; no agency: the whole scope. */
    const targets = async () =>
      !agencyId
        ? visible.map((v) => v.id)
        : q.rollup
          ? (await agencies.flat(agencyId)).map((a) => a.id).filter((id) => visible.some((v) => v.id === id))
          : [agencyId];
    const periodView = { label: period.label, from: period.from, to: period.to, window: period.window };
    return { period, periodView, agencyId, visible, now, offset, start: new Date(start), end: new Date(end), targets };
  }

  async function compute(actor: Actor, q: StatsQuery, ownByDefault = false) {
    const { periodView, agencyId, visible, now, offset, start, end } = await frame(actor, q, ownByDefault);
    const agencyIds = visible.map((a) => a.id);
    const snapshot = q.period ? await freshSnapshot(q.period, q.window, now, agencyIds) : undefined;
    const rows = snapshot?.rows ?? (await countByAgency(readDb, { start, end, timeZone, agencyIds }));
    const own = new Map<string, Figures>();
    for (const { agencyId: id, ...counts } of rows) add(entry(own, id), counts);
    for (const [id, extra] of await extraCounts(readDb, { start, end, agencyIds })) add(entry(own, id), extra);
    const totals = rollUp(visible, own, q.rollup);
    const shown = agencyId ? visible.filter((a) => a.id === agencyId) : visible;
    /** Every figure of the scope once (no agency asked: the whole scope), e.g. the country for an administrator. */
    const scopeTotal = () => {
      if (agencyId) return totals.get(agencyId) ?? zero();
      const sum = zero();
      for (const counts of own.values()) add(sum, counts);
      return sum;
    };
    return {
      header: {
        period: periodView,
        source: snapshot ? ('snapshot' as const) : ('live' as const),
        computedAt: formatInstant(snapshot?.computedAt ?? now, offset),
        ruleVersion: RULE_VERSION,
        rollup: q.rollup,
      },
      agencyId,
      shown: shown.map((a) => ({ agency: a, totals: totals.get(a.id) ?? zero() })),
      scopeTotal,
      frame: { start, end, visible, snapshotDigitization: snapshot?.digitization },
    };
  }

  const publicCounts = <T extends Totals>(t: T) => {
    const { progressOnTime: _p, dissatisfied: _d, rated: _r, ...counts } = t;
    return { ...counts, onTimeRate: round(onTimeRate(t)) };
  };

  /**
   * Digitisation figures per agency of the frame (issue 15), with their own rule version: from the
   * snapshot the B4 figures came from when it carries them, else live; undefined without a files module.
   */
  async function digitizationOf(
    frame: {
      start: Date;
      end: Date;
      visible: Array<{ id: string; parentId: string | null }>;
      snapshotDigitization?: Map<string, DigitizationCounts> | undefined;
    },
    rollup: boolean,
  ) {
    const source = deps.digitization;
    if (!source) return undefined;
    const stored = frame.snapshotDigitization;
    const own =
      stored ??
      (await source.counts({ start: frame.start, end: frame.end, agencyIds: frame.visible.map((a) => a.id) }, readDb));
    const total = sumOverSubtree(frame.visible, own, rollup);
    return {
      source: stored ? ('snapshot' as const) : ('live' as const),
      of: (agencyId: string) => digitizationFeed(total(agencyId), source.scales),
    };
  }

  return {
    /** Imported history may change finished periods: their snapshots are no longer final. */
    invalidateSnapshots: () => deleteSnapshots(db),

    /** The nightly job's work: every agency's own figures of the refreshed periods, as of `asOf`. */
    snapshot: (tx: Tx, asOf: Date) =>
      writeSnapshots(tx, asOf, timeZone, deps.digitization ? (q, via) => deps.digitization!.counts(q, via) : undefined),

    async agencies(actor: Actor, q: StatsQuery) {
      const { header, shown, frame } = await compute(actor, q);
      const digitized = await digitizationOf(frame, q.rollup);
      return {
        ...header,
        ...(digitized ? { digitizationSource: digitized.source } : {}),
        rows: shown.map(({ agency, totals }) => ({
          agencyId: agency.id,
          agencyName: agency.name,
          parentId: agency.parentId,
          ...publicCounts(totals),
          ...(digitized ? { digitization766: digitized.of(agency.id) } : {}),
        })),
      };
    },

    /** The reporting unit of a sheet (II.06a "đơn vị báo cáo") and the place for its date line. */
    async reportUnit(actor: Actor, agencyId?: string) {
      const id = agencyId ?? actor.agencyId ?? (await agencies.flat()).find((a) => a.parentId === null)?.id;
      if (!id) return { unitName: '', placeName: 'Việt Nam' };
      const chain = await Promise.all((await agencies.chain(id)).map((link) => agencies.get(link.id)));
      const root = chain[chain.length - 1]!.name;
      return {
        unitName: chain[0]!.name,
        placeName: root.replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').replace(/^(tỉnh|thành phố)\s+/i, ''),
      };
    },

    /** Where the time went: per agency of the subtree and per step, late steps and office time spent. */
    async steps(actor: Actor, q: StatsQuery) {
      const { periodView, agencyId, visible, now, offset, start, end, targets } = await frame(actor, q, true);
      const names = new Map(visible.map((a) => [a.id, a.name]));
      const hours = (ms: number) => Math.round((ms / 3_600_000) * 100) / 100;
      const { rows: found, excludedImported } = await stepTimes(readDb, start, end, await targets());
      const rows = found.map((r) => ({
        agencyId: r.agencyId,
        agencyName: names.get(r.agencyId) ?? null,
        step: r.step,
        finished: r.finished,
        late: r.late,
        lateShare: r.finished === 0 ? null : Math.round((r.late / r.finished) * 10000) / 10000,
        workingHours: hours(r.workingMs),
        averageWorkingHours: r.finished === 0 ? null : hours(r.workingMs / r.finished),
      }));
      rows.sort((a, b) => b.late - a.late || b.workingHours - a.workingHours);
      return {
        period: periodView,
        computedAt: formatInstant(now, offset),
        agencyId: agencyId ?? null,
        excludedImported,
        rows,
      };
    },

    /** A monthly series for one agency (its subtree when rolled up). */
    async trend(actor: Actor, q: { from: string; to: string; window: Window; agencyId?: string; rollup: boolean }) {
      const years = [Number(q.from.slice(0, 4)), Number(q.to.slice(0, 4))];
      if (years.some((y) => y < minYear || y > maxYear))
        throw new AppError('STATS_YEAR_OUT_OF_RANGE', { minYear, maxYear });
      const months = monthsBetween(q.from, q.to);
      if (months.length === 0 || months.length > maxMonths)
        throw new AppError('STATS_TREND_TOO_LONG', { max: maxMonths });
      const series = [];
      let agencyId: string | undefined;
      for (const month of months) {
        const result = await compute(
          actor,
          { period: month, window: q.window, agencyId: q.agencyId, rollup: q.rollup },
          true,
        );
        agencyId = result.agencyId;
        series.push({
          period: result.header.period,
          source: result.header.source,
          ...publicCounts(result.scopeTotal()),
        });
      }
      return { agencyId: agencyId ?? null, window: q.window, ruleVersion: RULE_VERSION, series };
    },

    async index(actor: Actor, q: StatsQuery) {
      const { header, shown, frame } = await compute(actor, q);
      const digitized = await digitizationOf(frame, q.rollup);
      return {
        ...header,
        ...(digitized ? { digitizationSource: digitized.source } : {}),
        rows: shown.map(({ agency, totals }) => ({
          agencyId: agency.id,
          agencyName: agency.name,
          ...indexFeed(totals, scales),
          ...(digitized ? { digitization766: digitized.of(agency.id) } : {}),
        })),
      };
    },

    /** The same columns per procedure, for one agency (its subtree when rolled up). */
    async procedures(actor: Actor, q: StatsQuery) {
      const { periodView, agencyId, now, offset, start, end, targets } = await frame(actor, q, true);
      const rows = await countByAgency(readDb, { start, end, timeZone, agencyIds: await targets(), byProcedure: true });
      // Refusals and apologies are per agency only: the procedure rows keep the B4 columns.
      const byProcedure = new Map<string, Totals>();
      for (const { procedureId, agencyId: _a, ...counts } of rows as Array<AgencyCounts & { procedureId: string }>) {
        const sum =
          byProcedure.get(procedureId) ?? (Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as unknown as Totals);
        for (const c of COUNT_COLUMNS) sum[c] += counts[c];
        byProcedure.set(procedureId, sum);
      }
      const out = [];
      for (const [procedureId, totals] of byProcedure) {
        const p = await deps.procedures.get(procedureId);
        out.push({
          procedureId,
          procedureCode: p.code,
          procedureName: p.name,
          field: p.field,
          ...publicCounts(totals),
        });
      }
      out.sort((a, b) => a.procedureCode.localeCompare(b.procedureCode));
      return {
        period: periodView,
        source: 'live',
        computedAt: formatInstant(now, offset),
        ruleVersion: RULE_VERSION,
        agencyId: agencyId ?? null,
        agencyName: agencyId ? (await agencies.get(agencyId)).name : null,
        rows: out,
      };
    },

    /** What each one-stop unit received at its counter (issue 13), by channel and handling agency. */
    async receivedAtCounter(actor: Actor, q: StatsQuery) {
      const f = await frame(actor, q, true);
      return receivedAtCounter(readDb, {
        ...f,
        asked: q.agencyId,
        rollup: q.rollup,
        targets: await f.targets(),
        names: await agencies.flat(),
      });
    },
  };
}
