const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** UTC offset (ms) of a time zone at an instant, through Intl. */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** ISO 8601 with the zone's offset, e.g. `2026-11-23T10:00:00+07:00` (architecture: rendered in +07:00). */
export function formatInstant(instant: number, offsetMs: number): string {
  const local = new Date(instant + offsetMs).toISOString().slice(0, 19);
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Renders instants (Date or epoch ms) in one zone; null stays null. */
export type InstantFormatter = {
  (d: Date | number): string;
  (d: Date | number | null): string | null;
};

const instantFormatters = new Map<string, InstantFormatter>();

/**
 * The formatter every presenter uses, so every response shows instants in the same `+07:00` form.
 * A zone without daylight saving (Asia/Ho_Chi_Minh) has one offset, read once; others per instant.
 */
export function instantFormatter(timeZone: string): InstantFormatter {
  const known = instantFormatters.get(timeZone);
  if (known) return known;
  const year = new Date().getUTCFullYear();
  const jan = zoneOffsetMs(timeZone, Date.UTC(year, 0, 1));
  const constant = jan === zoneOffsetMs(timeZone, Date.UTC(year, 6, 1)) ? jan : undefined;
  const format = ((d: Date | number | null): string | null => {
    if (d === null) return null;
    const t = typeof d === 'number' ? d : d.getTime();
    return formatInstant(t, constant ?? zoneOffsetMs(timeZone, t));
  }) as InstantFormatter;
  instantFormatters.set(timeZone, format);
  return format;
}
