import { DAY_MS } from '../../src/modules/calendar/civil.js';
import type { WorkingCalendar } from '../../src/modules/calendar/working-time.js';

/**
 * A deliberately naive reference for the working-time engine: day by day and minute by minute,
 * for a fixed-offset zone. Only the day-off data is shared with the engine (`calendar.day`); the
 * arithmetic is independent. Used by property tests and the benchmark to check the fast engine.
 */
export class NaiveCalendar {
  private readonly windows: Array<[number, number]>;

  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly offsetMs = 7 * 3_600_000,
  ) {
    this.windows = calendar.settings.windows.map((w) => [
      (Number(w.start.slice(0, 2)) * 60 + Number(w.start.slice(3))) * 60_000,
      (Number(w.end.slice(0, 2)) * 60 + Number(w.end.slice(3))) * 60_000,
    ]);
  }

  private localDay(t: number): number {
    return Math.floor((t + this.offsetMs) / DAY_MS);
  }

  private working(dn: number): boolean {
    return this.calendar.day(dn).working;
  }

  private inWindow(t: number): boolean {
    const dn = this.localDay(t);
    if (!this.working(dn)) return false;
    const offset = t + this.offsetMs - dn * DAY_MS;
    return this.windows.some(([s, e]) => offset >= s && offset < e);
  }

  private close(dn: number): number {
    return dn * DAY_MS - this.offsetMs + this.windows[this.windows.length - 1]![1];
  }

  /** Minute-aligned instants only. */
  clockStart(t: number): number {
    let u = t;
    while (!this.inWindow(u)) u += 60_000;
    return u;
  }

  workingDays(t: number, n: number): number {
    let dn = this.localDay(this.clockStart(t));
    for (let counted = 0; counted < n;) {
      dn++;
      if (this.working(dn)) counted++;
    }
    return this.close(dn);
  }

  workingMinutes(t: number, minutes: number): number {
    let u = this.clockStart(t);
    for (let counted = 0; counted < minutes; u += 60_000) {
      if (this.inWindow(u)) counted++;
    }
    return u;
  }
}
