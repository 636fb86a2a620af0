import { formatInstant } from '../../lib/dates.js';
import { timeStatus } from '../calendar/deadline.js';
import { zoneOffsetMs, type WorkingCalendar } from '../calendar/working-time.js';
import type { DossierRow, EventRow, PauseRow, StepRow } from './dossier.repository.js';

/**
 * Instants rendered with the offset of the given zone (architecture: `+07:00`). A zone without
 * daylight saving (Asia/Ho_Chi_Minh) has one offset, read once; others are asked per instant.
 */
export function instantFormatter(timeZone: string) {
  const year = new Date().getUTCFullYear();
  const jan = zoneOffsetMs(timeZone, Date.UTC(year, 0, 1));
  const constant = jan === zoneOffsetMs(timeZone, Date.UTC(year, 6, 1)) ? jan : undefined;
  return (d: Date | null): string | null => (d ? formatInstant(d.getTime(), constant ?? zoneOffsetMs(timeZone, d.getTime())) : null);
}
type Iso = ReturnType<typeof instantFormatter>;

/** Office time left and due-soon at `now` (domain B3); null once the dossier is finished. */
export function timing(d: Pick<DossierRow, 'finishedAt' | 'withdrawnAt' | 'pausedSince' | 'dueAt'>, calendar: WorkingCalendar, now: number) {
  if (d.finishedAt || d.withdrawnAt) return null;
  const paused = d.pausedSince !== null;
  const { withinTime, dueSoon } = timeStatus(calendar, now, d.dueAt.getTime(), paused);
  return { paused, withinTime, dueSoon, remainingWorkingMinutes: Math.round(calendar.between(now, d.dueAt.getTime()) / 60_000) };
}

export function presentDossier(d: DossierRow, procedure: { id: string; code: string; name: string }, calendar: WorkingCalendar, now: number, iso: Iso) {
  return {
    id: d.id,
    code: d.code,
    externalId: d.externalId,
    status: d.status,
    agencyId: d.agencyId,
    receivingAgencyId: d.receivingAgencyId,
    procedure: { id: procedure.id, code: procedure.code, name: procedure.name },
    channel: d.channel,
    applicant: d.applicant,
    components: d.components,
    note: d.note,
    budget: d.budget,
    receivedAt: iso(d.receivedAt),
    clockStartAt: iso(d.clockStartAt),
    dueAt: iso(d.dueAt),
    promisedAt: iso(d.promisedAt),
    apologyAt: iso(d.apologyAt),
    pausedSince: iso(d.pausedSince),
    supplementCount: d.supplementCount,
    currentStep: d.currentStep,
    assigneeId: d.assigneeId,
    finishedAt: iso(d.finishedAt),
    outcome: d.outcome,
    returnedAt: iso(d.returnedAt),
    returnMethod: d.returnMethod,
    withdrawnAt: iso(d.withdrawnAt),
    timing: timing(d, calendar, now),
    version: d.version,
  };
}

export function presentStep(s: StepRow, iso: Iso) {
  return {
    seq: s.seq, name: s.name, role: s.role, agencyId: s.agencyId, assigneeId: s.assigneeId,
    startedAt: iso(s.startedAt), dueAt: iso(s.dueAt), finishedAt: iso(s.finishedAt), classification: s.classification, note: s.note,
  };
}

export function presentPause(p: PauseRow, iso: Iso) {
  return { reason: p.reason, startedAt: iso(p.startedAt), endedAt: iso(p.endedAt) };
}

export function presentEvent(e: EventRow, iso: Iso) {
  return { seq: e.seq, type: e.type, at: iso(e.at), actorId: e.actorId, fromStatus: e.fromStatus, toStatus: e.toStatus, data: e.data };
}
