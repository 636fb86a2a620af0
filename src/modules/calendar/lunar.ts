/**
 * The Vietnamese lunisolar calendar, computed at UTC+7 with Hồ Ngọc Đức's method after Meeus,
 * "Astronomical Algorithms" (domain A7, B1). It differs from the Chinese calendar (UTC+8) in some
 * years, e.g. Tết 2030 is 2030-02-02 here and 2030-02-03 in China. Pure: no I/O, no clock.
 */

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

export const VIETNAM_TIME_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
const JD_1900 = 2415021.076998695; // new moon of 1900-01-01 as a Julian day
const DEG = Math.PI / 180;
const floor = Math.floor;

/** Julian day number of a Gregorian (or, before 1582-10-15, Julian) calendar date. */
export function julianDay(day: number, month: number, year: number): number {
  const a = floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd = day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - floor(y / 100) + floor(y / 400) - 32045;
  return jd < 2299161 ? day + floor((153 * m + 2) / 5) + 365 * y + floor(y / 4) - 32083 : jd;
}

/** Calendar date [day, month, year] of a Julian day number. */
export function fromJulianDay(jd: number): [number, number, number] {
  let b = 0;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = floor((4 * a + 3) / 146097);
    c = a - floor((b * 146097) / 4);
  } else {
    c = jd + 32082;
  }
  const d = floor((4 * c + 3) / 1461);
  const e = c - floor((1461 * d) / 4);
  const m = floor((5 * e + 2) / 153);
  return [e - floor((153 * m + 2) / 5) + 1, m + 3 - 12 * floor(m / 10), b * 100 + d - 4800 + floor(m / 10)];
}

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus ch. 49, abridged). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // Sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // Moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // Moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 -= 0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, in [0, 2π), at a Julian day (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  let L = (L0 + DL) * DEG;
  L -= Math.PI * 2 * floor(L / (Math.PI * 2));
  return L;
}

/** Which twelfth of the ecliptic (0..11) the sun is in at local midnight starting a day. */
function sunSector(dayNumber: number, tz: number): number {
  return floor((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);
}

/** Julian day number of the local day holding the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return floor(newMoon(k) + 0.5 + tz / 24);
}

/** Start of lunar month 11 (the month holding the winter solstice) of a solar year. */
function lunarMonth11(year: number, tz: number): number {
  const off = julianDay(31, 12, year) - 2415021;
  const k = floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a leap lunar year starting at month 11 `a11`: the offset of the first month without a major solar term. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = floor((a11 - JD_1900) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Solar (Gregorian) date → Vietnamese lunar date. */
export function solarToLunar(day: number, month: number, year: number, tz = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  const dayNumber = julianDay(day, month, year);
  // The mean-lunation estimate can be off by one either way (true and mean new moons drift apart
  // by up to ~14 hours): take the last new moon day on or before the date.
  let k = floor((dayNumber - JD_1900) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k, tz) > dayNumber) k--;
  while (newMoonDay(k + 1, tz) <= dayNumber) k++;
  const monthStart = newMoonDay(k, tz);
  let a11 = lunarMonth11(year, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1, tz);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1, tz);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = floor((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/**
 * Vietnamese lunar date → solar date [day, month, year], or undefined when the date does not exist
 * (a leap month that year does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_TIME_ZONE_HOURS): [number, number, number] | undefined {
  const { day, month, year, leap } = lunar;
  if (day < 1 || day > 30 || month < 1 || month > 12) return undefined;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = floor(0.5 + (a11 - JD_1900) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  const monthStart = newMoonDay(k + off, tz);
  const jd = monthStart + day - 1;
  if (jd >= newMoonDay(k + off + 1, tz)) return undefined; // day 30 of a short month
  return fromJulianDay(jd);
}
