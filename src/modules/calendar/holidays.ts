import { dayNumber, isoWeekday, parseIsoDate } from './civil.js';
import { lunarToSolar } from './lunar.js';

/** Extra days off and extra working days of one year, from the official schedule (domain B1). */
export interface YearOverrides {
  daysOff: ReadonlyArray<{ date: string; reason: string }>;
  workingDays: ReadonlyArray<{ date: string; reason: string }>;
}

export const NO_OVERRIDES: YearOverrides = { daysOff: [], workingDays: [] };

/** The days off of a year by day number, each with its reasons; and the declared extra working days. */
export interface YearHolidays {
  daysOff: Map<number, string[]>;
  workingDays: Map<number, string[]>;
}

export const REASONS = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên Đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng (30/4)',
  labour: 'Ngày Quốc tế Lao động (1/5)',
  national: 'Quốc khánh (2/9)',
  nationalAdjacent: 'Quốc khánh (ngày liền kề)',
  compensatory: (holiday: string) => `Nghỉ bù ${holiday}`,
} as const;

function add(map: Map<number, string[]>, dn: number, reason: string): void {
  const reasons = map.get(dn);
  if (reasons) reasons.push(reason);
  else map.set(dn, [reason]);
}

const isWeekend = (dn: number) => isoWeekday(dn) >= 6;

/**
 * Tết: five weekdays chosen by the weekday of lunar 1/1 (domain B1), as offsets from it.
 * Mon–Thu: the Mon–Fri week that contains it; Fri: Wed, Thu, Fri + next Mon, Tue;
 * Sat: Thu, Fri before + Mon, Tue, Wed after; Sun: Fri before + Mon–Thu after.
 */
function tetOffsets(weekday: number): number[] {
  if (weekday <= 4) return [0, 1, 2, 3, 4].map((i) => i - (weekday - 1));
  if (weekday === 5) return [-2, -1, 0, 3, 4];
  if (weekday === 6) return [-2, -1, 2, 3, 4];
  return [-2, 1, 2, 3, 4];
}

/** Days off of a year by the rules of Labour Code 2019 Art. 112 as domain B1 fixes them. */
export function ruleDaysOff(year: number): Map<number, string[]> {
  const off = new Map<number, string[]>();
  const holidays: Array<[number, string]> = [];

  const tet = lunarToSolar({ day: 1, month: 1, year, leap: false })!;
  const tetDay = dayNumber(tet[2], tet[1], tet[0]);
  const tetDays = tetOffsets(isoWeekday(tetDay)).map((o) => tetDay + o);
  for (let dn = tetDays[0]!; dn <= tetDays[tetDays.length - 1]!; dn++) add(off, dn, REASONS.tet); // weekends inside the break too

  const hung = lunarToSolar({ day: 10, month: 3, year, leap: false })!;
  holidays.push([dayNumber(year, 1, 1), REASONS.newYear]);
  holidays.push([dayNumber(hung[2], hung[1], hung[0]), REASONS.hungKings]);
  holidays.push([dayNumber(year, 4, 30), REASONS.reunification]);
  holidays.push([dayNumber(year, 5, 1), REASONS.labour]);
  const sep2 = dayNumber(year, 9, 2);
  holidays.push([sep2, REASONS.national]);
  // 2/9 plus one adjacent day: 1/9 when 2/9 is a Tue, Wed, Fri or Sat; 3/9 when a Mon, Thu or Sun.
  holidays.push([[2, 3, 5, 6].includes(isoWeekday(sep2)) ? sep2 - 1 : sep2 + 1, REASONS.nationalAdjacent]);

  holidays.sort((a, b) => a[0] - b[0]);
  for (const [dn, reason] of holidays) add(off, dn, reason);
  // Art. 111(3): a holiday on a weekly rest day gives a day off on the next day that is neither a
  // weekend day nor already off (Tết weekdays are chosen to avoid weekends and give none).
  for (const [dn, reason] of holidays) {
    if (!isWeekend(dn)) continue;
    let next = dn + 1;
    while (isWeekend(next) || off.has(next)) next++;
    add(off, next, REASONS.compensatory(reason));
  }
  return off;
}

/** Rules plus the official overrides of that year; an extra working day beats every rule. */
export function holidaysOfYear(year: number, overrides: YearOverrides = NO_OVERRIDES): YearHolidays {
  const daysOff = ruleDaysOff(year);
  for (const { date, reason } of overrides.daysOff) {
    const dn = parseIsoDate(date);
    if (dn !== undefined) add(daysOff, dn, reason);
  }
  const workingDays = new Map<number, string[]>();
  for (const { date, reason } of overrides.workingDays) {
    const dn = parseIsoDate(date);
    if (dn !== undefined) add(workingDays, dn, reason);
  }
  return { daysOff, workingDays };
}
