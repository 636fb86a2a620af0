import { DAY_MS, civilFromDays, dayNumber, isoWeekday } from './civil.js';
import { holidaysOfYear, NO_OVERRIDES, type YearOverrides } from './holidays.js';
import { zoneOffsetMs } from '../../lib/dates.js';
import type { CalendarSettings } from '../../lib/values.js';

export { zoneOffsetMs, type CalendarSettings };

export const DEFAULT_CALENDAR: CalendarSettings = Object.freeze({
  timeZone: 'Asia/Ho_Chi_Minh',
  weekdays: [1, 2, 3, 4, 5],
  windows: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
});

export const WEEKLY_REST = 'Nghỉ hằng tuần';

/** One local year of a calendar, precomputed so deadline arithmetic is a few array lookups. */
interface YearData {
  year: number;
  /** Day number of 1 January. */
  firstDay: number;
  days: number;
  /** UTC offset of each local day, ms (constant outside daylight-saving zones). */
  offsets: Int32Array;
  working: Uint8Array;
  /** Working days strictly before each day index (length days + 1). */
  countBefore: Int32Array;
  /** Day indexes of the working days, in order. */
  workingDays: Int32Array;
  /** Index of the first working day at or after each day index; -1 when none is left this year. */
  nextWorking: Int32Array;
  reasons: Map<number, string[]>;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Working time of one calendar (domain B2). Instants are epoch milliseconds. `W(t)` — office time
 * elapsed up to t — is kept per local year as "working days before the day × day length + time
 * inside today's windows", so measuring and adding working time never walks day by day.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, YearData>();
  private readonly winStart: number[];
  private readonly winEnd: number[];
  /** Office time of one working day, ms (8 hours by default). */
  readonly dayLength: number;
  private readonly weekdays: boolean[];
  private readonly standardOffset: number;
  private last: YearData | undefined;

  constructor(
    readonly settings: CalendarSettings,
    private readonly overridesOf: (year: number) => YearOverrides = () => NO_OVERRIDES,
  ) {
    this.winStart = settings.windows.map((w) => minutes(w.start) * 60_000);
    this.winEnd = settings.windows.map((w) => minutes(w.end) * 60_000);
    this.dayLength = this.winEnd.reduce((sum, end, i) => sum + end - this.winStart[i]!, 0);
    if (this.dayLength <= 0) throw new Error('a calendar needs at least one office window');
    this.weekdays = Array.from({ length: 8 }, (_, d) => settings.weekdays.includes(d));
    this.standardOffset = zoneOffsetMs(settings.timeZone, Date.UTC(2026, 0, 1));
  }

  /** The precomputed year (built once, then cached). */
  yearData(year: number): YearData {
    if (this.last?.year === year) return this.last;
    let data = this.years.get(year);
    if (!data) {
      data = this.buildYear(year);
      this.years.set(year, data);
    }
    this.last = data;
    return data;
  }

  private buildYear(year: number): YearData {
    const firstDay = dayNumber(year, 1, 1);
    const days = dayNumber(year + 1, 1, 1) - firstDay;
    const { daysOff, workingDays: extra } = holidaysOfYear(year, this.overridesOf(year));
    const offsets = new Int32Array(days);
    const jan = zoneOffsetMs(this.settings.timeZone, firstDay * DAY_MS + 12 * 3_600_000 - this.standardOffset);
    const jul = zoneOffsetMs(this.settings.timeZone, (firstDay + 181) * DAY_MS + 12 * 3_600_000 - this.standardOffset);
    for (let i = 0; i < days; i++) {
      // Daylight-saving zones change offset during the year; read each local noon only for them.
      offsets[i] =
        jan === jul ? jan : zoneOffsetMs(this.settings.timeZone, (firstDay + i) * DAY_MS + 12 * 3_600_000 - jan);
    }
    const working = new Uint8Array(days);
    const countBefore = new Int32Array(days + 1);
    const reasons = new Map<number, string[]>();
    const list: number[] = [];
    for (let i = 0; i < days; i++) {
      const dn = firstDay + i;
      const extraReasons = extra.get(dn);
      const offReasons = daysOff.get(dn);
      const weekly = this.weekdays[isoWeekday(dn)]!;
      // An extra working day beats every rule (domain B1).
      const isWorking = extraReasons !== undefined || (weekly && offReasons === undefined);
      if (extraReasons) reasons.set(i, extraReasons);
      else if (offReasons) reasons.set(i, weekly ? offReasons : [...offReasons, WEEKLY_REST]);
      else if (!weekly) reasons.set(i, [WEEKLY_REST]);
      working[i] = isWorking ? 1 : 0;
      countBefore[i + 1] = countBefore[i]! + working[i]!;
      if (isWorking) list.push(i);
    }
    const nextWorking = new Int32Array(days);
    let next = -1;
    for (let i = days - 1; i >= 0; i--) {
      if (working[i]) next = i;
      nextWorking[i] = next;
    }
    return {
      year,
      firstDay,
      days,
      offsets,
      working,
      countBefore,
      workingDays: Int32Array.from(list),
      nextWorking,
      reasons,
    };
  }

  /** The local year and day index of an instant. */
  private locate(t: number): [YearData, number] {
    let y = this.last;
    if (y) {
      const i = Math.floor((t + this.standardOffset) / DAY_MS) - y.firstDay;
      if (i >= 0 && i < y.days) {
        const j = Math.floor((t + y.offsets[i]!) / DAY_MS) - y.firstDay;
        if (j === i) return [y, i];
      }
    }
    const approx = Math.floor((t + this.standardOffset) / DAY_MS);
    y = this.yearData(civilFromDays(approx)[0]);
    let i = approx - y.firstDay;
    i = Math.floor((t + y.offsets[Math.min(Math.max(i, 0), y.days - 1)]!) / DAY_MS) - y.firstDay;
    if (i < 0) return this.lastDayOf(y.year - 1);
    if (i >= y.days) return [this.yearData(y.year + 1), 0];
    return [y, i];
  }

  private lastDayOf(year: number): [YearData, number] {
    const y = this.yearData(year);
    return [y, y.days - 1];
  }

  private dayStart(y: YearData, i: number): number {
    return (y.firstDay + i) * DAY_MS - y.offsets[i]!;
  }

  /** Close of the last office window of a day. */
  private close(y: YearData, i: number): number {
    return this.dayStart(y, i) + this.winEnd[this.winEnd.length - 1]!;
  }

  private opening(y: YearData, i: number): number {
    return this.dayStart(y, i) + this.winStart[0]!;
  }

  /** First working day at or after day i, possibly in a later year. */
  private workingDayFrom(y: YearData, i: number): [YearData, number] {
    for (let year = y, from = i; ; year = this.yearData(year.year + 1), from = 0) {
      const next = from < year.days ? year.nextWorking[from]! : -1;
      if (next >= 0) return [year, next];
    }
  }

  /** Office time elapsed in a working day up to `offset` ms after local midnight. */
  private elapsedInDay(offset: number): number {
    let sum = 0;
    for (let k = 0; k < this.winStart.length; k++) {
      const s = this.winStart[k]!;
      if (offset <= s) break;
      const e = this.winEnd[k]!;
      sum += (offset < e ? offset : e) - s;
    }
    return sum;
  }

  /** W measured from the start of the local year of t. */
  private elapsedInYear(y: YearData, i: number, t: number): number {
    const before = y.countBefore[i]! * this.dayLength;
    return y.working[i] ? before + this.elapsedInDay(t - this.dayStart(y, i)) : before;
  }

  private yearTotal(y: YearData): number {
    return y.workingDays.length * this.dayLength;
  }

  /** Earliest instant of year y at which W (from the year's start) reaches w, for 0 < w ≤ total. */
  private instantAt(y: YearData, w: number): number {
    const k = Math.ceil(w / this.dayLength) - 1;
    const i = y.workingDays[k]!;
    let rest = w - k * this.dayLength;
    const start = this.dayStart(y, i);
    for (let j = 0; j < this.winStart.length; j++) {
      const length = this.winEnd[j]! - this.winStart[j]!;
      if (rest <= length) return start + this.winStart[j]! + rest;
      rest -= length;
    }
    return this.close(y, i);
  }

  /** Whether a local date (day number) is a working day, and why not / why yes. */
  day(dn: number): { working: boolean; reasons: string[] } {
    const [year] = civilFromDays(dn);
    const y = this.yearData(year);
    const i = dn - y.firstDay;
    return { working: y.working[i] === 1, reasons: y.reasons.get(i) ?? [] };
  }

  /** Local day number of an instant. */
  localDay(t: number): number {
    const [y, i] = this.locate(t);
    return y.firstDay + i;
  }

  /** Local time of day of an instant, ms after midnight. */
  localTimeOfDay(t: number): number {
    const [y, i] = this.locate(t);
    return t - this.dayStart(y, i);
  }

  /**
   * Clock start (domain B2): the instant itself when inside an office window of a working day,
   * otherwise the next opening (lunch break → the afternoon; after hours or a day off → the next
   * working day's first window).
   */
  clockStart(t: number): number {
    const [y, i] = this.locate(t);
    if (y.working[i]) {
      const offset = t - this.dayStart(y, i);
      for (let k = 0; k < this.winStart.length; k++) {
        if (offset < this.winStart[k]!) return this.dayStart(y, i) + this.winStart[k]!;
        if (offset < this.winEnd[k]!) return t;
      }
    }
    const [ny, ni] = this.workingDayFrom(y, i + 1);
    return this.opening(ny, ni);
  }

  /** Office time between a and b (negative when b < a). */
  between(a: number, b: number): number {
    if (b < a) return -this.between(b, a);
    const [ya, ia] = this.locate(a);
    const [yb, ib] = this.locate(b);
    let total = this.elapsedInYear(yb, ib, b) - this.elapsedInYear(ya, ia, a);
    for (let year = ya.year; year < yb.year; year++) total += this.yearTotal(this.yearData(year));
    return total;
  }

  /** "Add h of working time to t": the earliest u with W(u) = W(t) + h (domain B2). */
  add(t: number, h: number): number {
    const [start, i] = this.locate(t);
    let y = start;
    let w = this.elapsedInYear(y, i, t) + h;
    while (w > this.yearTotal(y)) {
      w -= this.yearTotal(y);
      y = this.yearData(y.year + 1);
    }
    while (w <= 0) {
      y = this.yearData(y.year - 1);
      w += this.yearTotal(y);
    }
    return this.instantAt(y, w);
  }

  /** Close of office hours of the n-th working day after the local day of t (n ≥ 0; 0 = that day). */
  closeOfNthWorkingDayAfter(t: number, n: number): number {
    const [y0, i0] = this.locate(t);
    let y = y0;
    let k = y.countBefore[i0 + 1]! + n - 1;
    if (n === 0 && !y.working[i0]) {
      const [ny, ni] = this.workingDayFrom(y, i0);
      return this.close(ny, ni);
    }
    while (k >= y.workingDays.length) {
      k -= y.workingDays.length;
      y = this.yearData(y.year + 1);
    }
    return this.close(y, y.workingDays[k]!);
  }

  /** Close of office hours of the local date of t + n calendar days, or of the next working day. */
  closeOnOrAfterDate(t: number, n: number): number {
    const [y0, i0] = this.locate(t);
    const dn = y0.firstDay + i0 + n;
    const y = this.yearData(civilFromDays(dn)[0]);
    const [wy, wi] = this.workingDayFrom(y, dn - y.firstDay);
    return this.close(wy, wi);
  }
}
