import type { WorkingCalendar } from '../calendar/working-time.js';

export type Classification = 'early' | 'on_time' | 'late';

/**
 * Domain B3: early when finished on an earlier local date than the deadline; on time on the same
 * date and not after it; late after it. Used for dossiers and for each step of the control slip.
 */
export function classify(calendar: WorkingCalendar, finishedAt: number, dueAt: number): Classification {
  if (finishedAt > dueAt) return 'late';
  return calendar.localDay(finishedAt) < calendar.localDay(dueAt) ? 'early' : 'on_time';
}
