/** Civil dates as day numbers (days since 1970-01-01), without Date objects on hot paths. */

export const DAY_MS = 86_400_000;

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** [year, month, day] of a day number (Howard Hinnant's civil_from_days). */
export function civilFromDays(dn: number): [number, number, number] {
  const z = dn + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dn: number): number {
  return ((((dn + 3) % 7) + 7) % 7) + 1;
}

export function isoDate(dn: number): string {
  const [y, m, d] = civilFromDays(dn);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day number of a valid `YYYY-MM-DD`, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dn = dayNumber(y, m, d);
  const [cy, cm, cd] = civilFromDays(dn);
  return cy === y && cm === m && cd === d ? dn : undefined;
}
