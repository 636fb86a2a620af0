import { DAY_MS, dayNumber, isoDate, parseIsoDate } from '../calendar/civil.js';

export type Window = 'calendar' | 'report';

/** A reporting period: local dates, both inclusive (domain B4). */
export interface Period {
  label: string;
  window: Window;
  from: string;
  to: string;
}

const lastDayOf = (year: number, month: number) => isoDate(dayNumber(year, month + 1, 1) - 1);
const pad = (n: number) => String(n).padStart(2, '0');

/** The 15th of the month before `month` (which may fall in the previous year). */
const reportStart = (year: number, month: number) =>
  month === 1 ? `${year - 1}-12-15` : `${year}-${pad(month - 1)}-15`;

/**
 * Parses `2026-10`, `2026-Q3`, `2026-H1` or `2026` into local dates. The calendar window uses the
 * months themselves; the reporting window (Decree 09/2019) runs from the 15th of the month before
 * the first month to the 14th of the last one. Returns undefined for anything else.
 */
export function parsePeriod(text: string, window: Window = 'calendar'): Period | undefined {
  const m = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  let first: number;
  let last: number;
  if (m[2]) {
    first = last = Number(m[2]);
    if (first < 1 || first > 12) return undefined;
  } else if (m[3]) {
    last = Number(m[3]) * 3;
    first = last - 2;
  } else if (m[4]) {
    last = Number(m[4]) * 6;
    first = last - 5;
  } else {
    first = 1;
    last = 12;
  }
  return window === 'calendar'
    ? { label: text, window, from: `${year}-${pad(first)}-01`, to: lastDayOf(year, last) }
    : { label: text, window, from: reportStart(year, first), to: `${year}-${pad(last)}-14` };
}

/**
 * Issue 9 item 5: how far statistics reach. Years 2000–2100 (the calendar's data and the one-stop
 * shop's history fit well inside), a custom range of at most 400 days (as the calendar's day list),
 * a trend of at most 36 months.
 */
export const STATS_BOUNDS = { minYear: 2000, maxYear: 2100, maxDays: 400, maxMonths: 36 } as const;

const yearOf = (date: string) => Number(date.slice(0, 4));

/** Why a period is outside the bounds, or undefined when it is inside. */
export function outOfBounds(period: Period, custom: boolean): 'range' | 'year' | undefined {
  const years = custom ? [yearOf(period.from), yearOf(period.to)] : [Number(period.label.slice(0, 4))];
  if (years.some((y) => y < STATS_BOUNDS.minYear || y > STATS_BOUNDS.maxYear)) return custom ? 'range' : 'year';
  if (custom && parseIsoDate(period.to)! - parseIsoDate(period.from)! + 1 > STATS_BOUNDS.maxDays) return 'range';
  return undefined;
}

/** A custom range of local dates. */
export function rangePeriod(from: string, to: string): Period | undefined {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return a !== undefined && b !== undefined && a <= b
    ? { label: `${from}..${to}`, window: 'calendar', from, to }
    : undefined;
}

/**
 * The instants of a period (domain B4): S = local midnight starting the first day; E = local
 * midnight after the last day, or `now` when the period has not ended yet.
 */
export function periodInstants(
  period: Period,
  offsetMs: number,
  now: number,
): { start: number; end: number; ended: boolean } {
  const start = parseIsoDate(period.from)! * DAY_MS - offsetMs;
  const end = (parseIsoDate(period.to)! + 1) * DAY_MS - offsetMs;
  return { start, end: Math.min(end, now), ended: end <= now };
}

/** Calendar months from `from` to `to` (`YYYY-MM`), inclusive, for trends. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${pad(m)}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}
