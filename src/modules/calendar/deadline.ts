import type { WorkingCalendar } from './working-time.js';

import type { Budget } from '../../lib/values.js';

export { BUDGET_UNITS, type Budget, type BudgetUnit } from '../../lib/values.js';

export const DEFAULT_CUTOFF = '15:00';
const HOUR_MS = 3_600_000;

/**
 * The legal deadline of a dossier received at `receivedAt` (epoch ms), domain B2.
 * - working_days: Civil Code Art. 147 — the receipt day is not counted; due at the close of the
 *   N-th working day after the clock-start day.
 * - working_hours: office time only, from the clock start (0.5 day = 4 hours).
 * - calendar_days: close of the clock-start date + N days, or of the next working day.
 * - same_day: received before the cut-off → that day's close; clock start moved to a later day →
 *   that day's close; received after the cut-off → the next working day's close.
 */
export function computeDeadline(
  calendar: WorkingCalendar,
  receivedAt: number,
  budget: Budget,
): { clockStart: number; dueAt: number } {
  const clockStart = calendar.clockStart(receivedAt);
  switch (budget.unit) {
    case 'working_days':
      return { clockStart, dueAt: calendar.closeOfNthWorkingDayAfter(clockStart, budget.value) };
    case 'working_hours':
      return { clockStart, dueAt: calendar.add(clockStart, Math.round(budget.value * HOUR_MS)) };
    case 'calendar_days':
      return { clockStart, dueAt: calendar.closeOnOrAfterDate(clockStart, budget.value) };
    case 'same_day': {
      const cutoff = budget.cutoff ?? DEFAULT_CUTOFF;
      const cutoffMs = (Number(cutoff.slice(0, 2)) * 60 + Number(cutoff.slice(3, 5))) * 60_000;
      const sameDate = calendar.localDay(clockStart) === calendar.localDay(receivedAt);
      const beforeCutoff = calendar.localTimeOfDay(receivedAt) < cutoffMs;
      const n = sameDate && !beforeCutoff ? 1 : 0;
      return { clockStart, dueAt: calendar.closeOfNthWorkingDayAfter(clockStart, n) };
    }
  }
}

/**
 * The deadline after a pause [pauseStart, resumedAt) (domain B2): it moves by the office time the
 * pause covered, `dueAt' = W⁻¹(W(dueAt) + W(resume) − W(pauseStart))`. A pause that began after the
 * deadline still moves it by the same amount, so the dossier stays late.
 */
export function deadlineAfterPause(
  calendar: WorkingCalendar,
  dueAt: number,
  pauseStart: number,
  resumedAt: number,
): number {
  const covered = calendar.between(pauseStart, resumedAt);
  return covered === 0 ? dueAt : calendar.add(dueAt, covered);
}

/**
 * Domain B3 "due soon": a running dossier whose deadline is before this instant — `threshold` of
 * office time (default one working day) after `at` — is due soon. Lists, the sweep and the
 * presenters all use this one rule, each with the handling agency's calendar.
 */
export function dueSoonLimit(calendar: WorkingCalendar, at: number, threshold = calendar.dayLength): number {
  return calendar.add(at, threshold);
}

/** Domain B3: within time when paused or not past the deadline; due soon when within time and before `dueSoonLimit`. */
export function timeStatus(
  calendar: WorkingCalendar,
  at: number,
  dueAt: number,
  paused: boolean,
  threshold = calendar.dayLength,
) {
  if (paused) return { withinTime: true, dueSoon: false };
  const withinTime = dueAt >= at;
  return { withinTime, dueSoon: withinTime && dueAt < dueSoonLimit(calendar, at, threshold) };
}

/** The `restart` supplement policy: the whole budget again, as if received at the supplement. */
export function deadlineAfterRestart(calendar: WorkingCalendar, supplementReceivedAt: number, budget: Budget): number {
  return computeDeadline(calendar, supplementReceivedAt, budget).dueAt;
}

/** Office time left until the deadline at instant `at` (negative when overdue). */
export function remainingWorkingTime(calendar: WorkingCalendar, at: number, dueAt: number): number {
  return calendar.between(at, dueAt);
}
