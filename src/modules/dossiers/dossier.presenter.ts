import type { InstantFormatter } from '../../lib/dates.js';
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  CLASSIFICATION_LABELS,
  labelOf,
  OUTCOME_LABELS,
  PAUSE_REASON_LABELS,
  RETURN_METHOD_LABELS,
  STATUS_LABELS,
  STEP_ROLE_LABELS,
} from '../../lib/labels.js';
import { remainingWorkingTime, timeStatus } from '../calendar/deadline.js';
import type { WorkingCalendar } from '../calendar/working-time.js';
import type { DossierRow, EventRow, PauseRow, StepRow } from './dossier.repository.js';

const MINUTE = 60_000;

/** Office time left and due-soon at `now` (domain B3); null once the dossier is finished. */
export function timing(
  d: Pick<DossierRow, 'finishedAt' | 'withdrawnAt' | 'pausedSince' | 'dueAt'>,
  calendar: WorkingCalendar,
  now: number,
) {
  if (d.finishedAt || d.withdrawnAt) return null;
  const paused = d.pausedSince !== null;
  const { withinTime, dueSoon } = timeStatus(calendar, now, d.dueAt.getTime(), paused);
  return {
    paused,
    withinTime,
    dueSoon,
    remainingWorkingMinutes: Math.round(remainingWorkingTime(calendar, now, d.dueAt.getTime()) / MINUTE),
  };
}

/**
 * Office time in the units a person reads (issue 13): whole working days of the agency's calendar
 * and hours, e.g. "còn 2 ngày 3 giờ làm việc"; "quá hạn …" once past due.
 */
export function workingTimeText(minutes: number, dayLengthMs: number, paused: boolean) {
  const dayMinutes = Math.round(dayLengthMs / MINUTE);
  const left = Math.abs(minutes);
  const workingDays = Math.floor(left / dayMinutes);
  const workingHours = Math.floor((left % dayMinutes) / 60);
  const rest = left % 60;
  const parts = [workingDays > 0 ? `${workingDays} ngày` : '', workingHours > 0 ? `${workingHours} giờ` : ''].filter(
    Boolean,
  );
  const amount = parts.length > 0 ? parts.join(' ') : `${rest} phút`;
  const text = minutes < 0 ? `quá hạn ${amount} làm việc` : `còn ${amount} làm việc`;
  const sign = minutes < 0 ? -1 : 1;
  return {
    workingDays: sign * workingDays,
    workingHours: sign * workingHours,
    minutes,
    text: paused ? `đang tạm dừng tính thời gian; ${text}` : text,
  };
}

export function presentDossier(
  d: DossierRow,
  procedure: { id: string; code: string; name: string },
  calendar: WorkingCalendar,
  now: number,
  iso: InstantFormatter,
) {
  return {
    id: d.id,
    code: d.code,
    externalId: d.externalId,
    status: d.status,
    statusLabel: labelOf(STATUS_LABELS, d.status),
    agencyId: d.agencyId,
    receivingAgencyId: d.receivingAgencyId,
    procedure: { id: procedure.id, code: procedure.code, name: procedure.name },
    channel: d.channel,
    channelLabel: labelOf(CHANNEL_LABELS, d.channel),
    applicant: d.applicant,
    components: d.components,
    note: d.note,
    budget: d.budget,
    receivedAt: iso(d.receivedAt),
    clockStartAt: iso(d.clockStartAt),
    dueAt: iso(d.dueAt),
    promisedAt: iso(d.promisedAt),
    apologyAt: iso(d.apologyAt),
    apologyKind: d.apologyKind,
    pausedSince: iso(d.pausedSince),
    supplementCount: d.supplementCount,
    /** The open step of the control slip (its `seq`); null once finished. */
    currentStep: d.openStepSeq,
    procedureStep: d.currentStep,
    assigneeId: d.assigneeId,
    finishedAt: iso(d.finishedAt),
    outcome: d.outcome,
    outcomeLabel: labelOf(OUTCOME_LABELS, d.outcome),
    returnedAt: iso(d.returnedAt),
    returnMethod: d.returnMethod,
    returnMethodLabel: labelOf(RETURN_METHOD_LABELS, d.returnMethod),
    withdrawnAt: iso(d.withdrawnAt),
    timing: timing(d, calendar, now),
    version: d.version,
  };
}

export type DossierView = ReturnType<typeof presentDossier>;

export function presentStep(s: StepRow, iso: InstantFormatter) {
  return {
    seq: s.seq,
    name: s.name,
    role: s.role,
    roleLabel: labelOf(STEP_ROLE_LABELS, s.role),
    agencyId: s.agencyId,
    assigneeId: s.assigneeId,
    startedAt: iso(s.startedAt),
    dueAt: iso(s.dueAt),
    finishedAt: iso(s.finishedAt),
    classification: s.classification,
    classificationLabel: labelOf(CLASSIFICATION_LABELS, s.classification),
    note: s.note,
  };
}

export function presentPause(p: PauseRow, iso: InstantFormatter) {
  return {
    reason: p.reason,
    reasonLabel: labelOf(PAUSE_REASON_LABELS, p.reason),
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
  };
}

export function presentEvent(e: EventRow, iso: InstantFormatter) {
  return {
    seq: e.seq,
    type: e.type,
    typeLabel: labelOf(ACTION_LABELS, e.type),
    at: iso(e.at),
    actorId: e.actorId,
    fromStatus: e.fromStatus,
    fromStatusLabel: labelOf(STATUS_LABELS, e.fromStatus),
    toStatus: e.toStatus,
    toStatusLabel: labelOf(STATUS_LABELS, e.toStatus),
    data: e.data,
  };
}
