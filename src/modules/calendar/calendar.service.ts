import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { ttlCache } from '../../lib/ttl-cache.js';
import { AppError } from '../../http/errors.js';
import type { AgencyService } from '../agencies/agency.service.js';
import type { Actor } from '../auth/roles.js';
import * as repo from './calendar.repository.js';
import { dayNumber, isoDate, parseIsoDate } from './civil.js';
import { computeDeadline, type Budget } from './deadline.js';
import { NO_OVERRIDES, type YearOverrides } from './holidays.js';
import { lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
import { DEFAULT_CALENDAR, WorkingCalendar, type CalendarSettings } from './working-time.js';

export const MAX_DAYS_RANGE = 400;

/** What changed: overrides of a scope (null = national) and year, or an agency's own calendar. */
export interface CalendarChange {
  agencyId: string | null;
  year?: number;
}

/** Work started after a change; it may answer with the id of the job it started. */
export type CalendarChangeListener = (change: CalendarChange) => Promise<{ jobRunId: string } | void> | void;

function groupByYear(rows: repo.OverrideRow[]): Map<number, YearOverrides> {
  const years = new Map<
    number,
    { daysOff: YearOverrides['daysOff'][number][]; workingDays: YearOverrides['workingDays'][number][] }
  >();
  for (const row of rows) {
    let year = years.get(row.year);
    if (!year) years.set(row.year, (year = { daysOff: [], workingDays: [] }));
    (row.kind === 'working_day' ? year.workingDays : year.daysOff).push({ date: row.date, reason: row.reason });
  }
  return years;
}

/**
 * Working calendars of agencies (domain B1): settings inherited from the nearest ancestor that has
 * its own, national overrides plus those of the agency's ancestors. Built calendars are cached for
 * `cacheTtlMs` and dropped at once when this instance changes overrides or an agency's calendar.
 */
export function createCalendarService(db: Db, agencies: AgencyService, clock: Clock, cacheTtlMs = 60_000) {
  const listeners: CalendarChangeListener[] = [];

  async function build(agencyId: string | null, via: Db): Promise<WorkingCalendar> {
    const chain = agencyId ? await agencies.chainIn(via, agencyId) : [];
    const settings =
      (chain.find((link) => link.calendar)?.calendar as CalendarSettings | undefined) ?? DEFAULT_CALENDAR;
    const overrides = groupByYear(
      await repo.listForScopes(
        via,
        chain.map((link) => link.id),
      ),
    );
    return new WorkingCalendar(settings, (year) => overrides.get(year) ?? NO_OVERRIDES);
  }

  const cache = ttlCache(
    (key: string, via: Db) => build(key === 'national' ? null : key, via),
    cacheTtlMs,
    () => clock.now().getTime(),
  );
  agencies.onChanged(() => cache.clear());

  async function notify(change: CalendarChange): Promise<string[]> {
    cache.clear();
    const jobs: string[] = [];
    for (const listener of listeners) {
      const started = await listener(change);
      if (started) jobs.push(started.jobRunId);
    }
    return jobs;
  }

  agencies.onCalendarChanged(async (agencyId) => {
    await notify({ agencyId });
  });

  const service = {
    /** The working calendar of an agency (or the national default). */
    calendarOf(agencyId?: string | null): Promise<WorkingCalendar> {
      return cache(agencyId ?? 'national', db);
    },

    /** The same, read through `via` (the caller's transaction) on a cache miss: PGlite has one connection. */
    calendarIn(via: Db, agencyId: string | null): Promise<WorkingCalendar> {
      return cache(agencyId ?? 'national', via);
    },

    async days(from: string, to: string, agencyId?: string) {
      const first = parseIsoDate(from)!;
      const last = parseIsoDate(to)!;
      if (last < first || last - first + 1 > MAX_DAYS_RANGE)
        throw new AppError('DATE_RANGE_TOO_LONG', { max: MAX_DAYS_RANGE });
      const calendar = await service.calendarOf(agencyId);
      const days = [];
      for (let dn = first; dn <= last; dn++) days.push({ date: isoDate(dn), ...calendar.day(dn) });
      return { timeZone: calendar.settings.timeZone, days };
    },

    async deadline(start: string, budget: Budget, agencyId?: string) {
      const calendar = await service.calendarOf(agencyId);
      const receivedAt = Date.parse(start);
      const { clockStart, dueAt } = computeDeadline(calendar, receivedAt, budget);
      return { calendar, receivedAt, clockStart, dueAt };
    },

    lunar(date: string): LunarDate {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      return solarToLunar(d, m, y);
    },

    solar(lunar: LunarDate): { date: string } {
      const solar = lunarToSolar(lunar);
      if (!solar) throw new AppError('LUNAR_DATE_INVALID');
      return { date: isoDate(dayNumber(solar[2], solar[1], solar[0])) };
    },

    async overrides(year: number, agencyId?: string) {
      if (agencyId) await agencies.get(agencyId);
      const rows = await repo.listForScope(db, year, agencyId ?? null);
      const grouped = groupByYear(rows).get(year) ?? NO_OVERRIDES;
      return { year, agencyId: agencyId ?? null, daysOff: grouped.daysOff, workingDays: grouped.workingDays };
    },

    /** Replaces one year's overrides of one scope, then recomputes what depends on them. */
    async replaceOverrides(
      actor: Actor,
      year: number,
      agencyId: string | undefined,
      body: { daysOff: YearOverrides['daysOff']; workingDays: YearOverrides['workingDays'] },
    ) {
      if (agencyId) await agencies.get(agencyId);
      const seen = new Map<string, 'day_off' | 'working_day'>();
      const rows: Array<{ date: string; kind: repo.OverrideKind; reason: string }> = [];
      for (const [kind, list] of [
        ['day_off', body.daysOff],
        ['working_day', body.workingDays],
      ] as const) {
        for (const { date, reason } of list) {
          if (!date.startsWith(`${year}-`)) throw new AppError('OVERRIDE_DATE_OUTSIDE_YEAR', { date, year });
          const previous = seen.get(date);
          if (previous)
            throw new AppError(previous === kind ? 'OVERRIDE_DUPLICATE_DATE' : 'OVERRIDE_DATE_IN_BOTH_LISTS', { date });
          seen.set(date, kind);
          rows.push({ date, kind, reason });
        }
      }
      await db.transaction((tx) => repo.replaceForScope(tx, year, agencyId ?? null, rows, actor.userId));
      // Domain B2: open dossiers' deadlines are recomputed by a job; the answer names it.
      const jobs = await notify({ agencyId: agencyId ?? null, year });
      return { ...(await service.overrides(year, agencyId)), recomputeJobIds: jobs };
    },

    /**
     * Registers work to start after overrides or an agency calendar change, such as the job that
     * recomputes the deadlines of open dossiers (domain B2, last paragraph).
     */
    onChange(listener: CalendarChangeListener): void {
      listeners.push(listener);
    },
  };
  return service;
}

export type CalendarService = ReturnType<typeof createCalendarService>;
