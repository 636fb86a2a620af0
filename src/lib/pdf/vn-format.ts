/**
 * Vietnamese ways of writing dates, times and amounts on official papers. Decree 30/2020 (văn bản
 * hành chính): days below 10 and the months 1 and 2 take a leading zero ("ngày 05 tháng 02 năm
 * 2026", but "tháng 3"). Inputs are ISO instants already rendered in local time (`…+07:00`), as the
 * API presents them, so no time-zone maths happens here.
 */

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function parts(iso: string): LocalParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** `ngày 05 tháng 3 năm 2026` */
export function vnDate(iso: string): string {
  const p = parts(iso);
  const month = p.month <= 2 ? two(p.month) : String(p.month);
  return `ngày ${two(p.day)} tháng ${month} năm ${p.year}`;
}

/** `14 giờ 30` */
export function vnTime(iso: string): string {
  const p = parts(iso);
  return `${two(p.hour)} giờ ${two(p.minute)}`;
}

/** `14 giờ 30, ngày 05 tháng 3 năm 2026` */
export function vnDateTime(iso: string): string {
  return `${vnTime(iso)}, ${vnDate(iso)}`;
}

/** `05/03/2026` for table cells. */
export function vnShortDate(iso: string): string {
  const p = parts(iso);
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** `14:30 05/03/2026` for table cells. */
export function vnShortDateTime(iso: string): string {
  const p = parts(iso);
  return `${two(p.hour)}:${two(p.minute)} ${vnShortDate(iso)}`;
}

/** `1.500.000 đồng`: VND has no minor unit; thousands are separated by dots. */
export function vnd(amount: number): string {
  const digits = String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} đồng`;
}

/** `96,15%`: Vietnamese decimal comma, two decimals. */
export function vnPercent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 10000) / 100).toFixed(2).replace('.', ',')}%`;
}

/** A budget as the law writes it: `3 ngày làm việc`, `0,5 ngày làm việc` (4 hours), `trong ngày`. */
export function vnBudget(budget: { value: number; unit: string } | null | undefined): string {
  if (!budget) return '';
  const n = String(budget.value).replace('.', ',');
  switch (budget.unit) {
    case 'working_days':
      return `${n} ngày làm việc`;
    case 'working_hours':
      return `${n} giờ làm việc`;
    case 'calendar_days':
      return `${n} ngày`;
    case 'same_day':
      return 'trong ngày';
    default:
      return `${n} ${budget.unit}`;
  }
}
