import { computeDeadline, deadlineAfterPause, type Budget } from '../calendar/deadline.js';
import type { WorkingCalendar } from '../calendar/working-time.js';

export interface PauseLedgerEntry {
  reason: string;
  startedAt: number;
  endedAt: number | null;
}

/**
 * The deadline of a dossier from its receipt and its pause ledger (domain B2): the budget from the
 * receipt, then each closed pause in order — moved by the office time it covered, or, for a
 * supplement under the `restart` policy, the whole budget again from the supplement's receipt.
 * Used when a calendar changes, so open dossiers get the deadline the new calendar gives.
 */
export function dueAtFromLedger(
  calendar: WorkingCalendar,
  receivedAt: number,
  budget: Budget,
  policy: string,
  pauses: readonly PauseLedgerEntry[],
): number {
  let dueAt = computeDeadline(calendar, receivedAt, budget).dueAt;
  for (const pause of [...pauses].sort((a, b) => a.startedAt - b.startedAt)) {
    if (pause.endedAt === null) continue;
    dueAt =
      pause.reason === 'supplement' && policy === 'restart'
        ? computeDeadline(calendar, pause.endedAt, budget).dueAt
        : deadlineAfterPause(calendar, dueAt, pause.startedAt, pause.endedAt);
  }
  return dueAt;
}
