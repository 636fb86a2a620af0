/**
 * One seeded dossier and its history: receipt, forwarding, a supplement or a pause, the decision,
 * the return and sometimes a rating, with a two-step control slip and its pause ledger. Deadlines
 * come from the real working-time engine; a closed pause moves the deadline by its calendar length
 * (an approximation: volume data, not a test oracle).
 */
import { createHash } from 'node:crypto';
import { isoDate } from '../../src/modules/calendar/civil.js';
import { computeDeadline } from '../../src/modules/calendar/deadline.js';
import type { WorkingCalendar } from '../../src/modules/calendar/working-time.js';
import type { SeedAgency, SeedProcedure } from './catalog.js';
import { CopyBuffer } from './copy.js';
import { personName, personPhone } from './names.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const tables = () => ({
  dossiers: new CopyBuffer('dossiers', [
    'id',
    'code',
    'agency_id',
    'initial_agency_id',
    'receiving_agency_id',
    'procedure_id',
    'channel',
    'applicant',
    'applicant_name',
    'phone_last4',
    'budget',
    'supplement_policy',
    'status',
    'received_at',
    'clock_start_at',
    'due_at',
    'finished_at',
    'outcome',
    'returned_at',
    'return_method',
    'withdrawn_at',
    'paused_since',
    'paused_from_status',
    'supplement_count',
    'pause_count',
    'current_step',
    'open_step_seq',
    'lookup_pin_hash',
  ]),
  events: new CopyBuffer('dossier_events', ['dossier_id', 'seq', 'type', 'at', 'from_status', 'to_status']),
  steps: new CopyBuffer('dossier_steps', [
    'id',
    'dossier_id',
    'seq',
    'name',
    'role',
    'agency_id',
    'started_at',
    'due_at',
    'finished_at',
    'classification',
    'working_ms',
  ]),
  pauses: new CopyBuffer('dossier_pauses', ['id', 'dossier_id', 'reason', 'started_at', 'ended_at', 'due_before']),
  ratings: new CopyBuffer('ratings', ['dossier_id', 'level', 'at']),
});
export type Tables = ReturnType<typeof tables>;

/** Deterministic generator state: saved with every batch so a resumed run continues the same stream. */
export class Rng {
  constructor(public state: number) {}
  next(): number {
    this.state = (this.state * 1664525 + 1013904223) % 4294967296;
    return this.state / 4294967296;
  }
}

/** Time-ordered ids (UUID version 7 layout): new rows land at the right edge of every primary key index. */
export function orderedIds(rng: Rng): () => string {
  let lastMs = 0;
  let seq = 0;
  const hex = (n: number, w: number) => Math.floor(n).toString(16).padStart(w, '0');
  return () => {
    const now = Date.now();
    if (now > lastMs) {
      lastMs = now;
      seq = 0;
    } else if (++seq > 4095) {
      lastMs++;
      seq = 0;
    }
    const t = hex(lastMs, 12);
    const r = () => hex(rng.next() * 65536, 4);
    return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(seq, 3)}-${hex(8 + rng.next() * 4, 1)}${r().slice(1)}-${r()}${r()}${r()}`;
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface RowContext {
  rng: Rng;
  id: () => string;
  calendar: WorkingCalendar;
  now: number;
  /** Next number of an agency's daily sequence (domain B6). */
  nextSeq(agencyId: string, day: string): number;
}

export function addDossier(
  ctx: RowContext,
  out: Tables,
  index: number,
  agency: SeedAgency,
  procedure: SeedProcedure,
  receivedAt: number,
): void {
  const { rng, now } = ctx;
  const { clockStart, dueAt: firstDue } = computeDeadline(ctx.calendar, receivedAt, procedure.budget);
  const day = isoDate(ctx.calendar.localDay(receivedAt));
  const id = ctx.id();
  const code = `${agency.electronicId}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(ctx.nextSeq(agency.id, day)).padStart(4, '0')}`;
  const roll = rng.next();
  // Old dossiers are almost all closed; the last weeks hold most of the open ones.
  const old = firstDue < now - 30 * DAY;
  const finishedShare = old ? 0.95 : 0.6;
  const kind = roll < finishedShare ? 'finished' : roll < finishedShare + 0.04 ? 'withdrawn' : 'open';
  const span = Math.max(HOUR, firstDue - clockStart);
  // A closed supplement pause on 8% of closed dossiers; open ones may wait for a supplement or be paused.
  const closedPause = kind !== 'open' && rng.next() < 0.08;
  const pauseStart = clockStart + Math.floor(span * 0.1);
  const pauseEnd = closedPause ? pauseStart + DAY + Math.floor(rng.next() * 3 * DAY) : null;
  const dueAt = pauseEnd === null ? firstDue : firstDue + (pauseEnd - pauseStart);
  const finishedAt =
    kind === 'finished'
      ? Math.min(now, Math.max(pauseEnd ?? 0, clockStart + Math.floor(rng.next() * span * 1.3)))
      : null;
  const returned = finishedAt !== null && rng.next() < 0.85;
  const returnedAt = returned ? Math.min(now, finishedAt! + Math.floor(rng.next() * 2 * DAY)) : null;
  const withdrawnAt = kind === 'withdrawn' ? Math.min(now, Math.max(pauseEnd ?? 0, receivedAt + DAY)) : null;
  const openRoll = rng.next();
  const status =
    kind === 'finished'
      ? returned
        ? 'returned'
        : 'decided'
      : kind === 'withdrawn'
        ? 'withdrawn'
        : openRoll < 0.1
          ? 'awaiting_supplement'
          : openRoll < 0.15
            ? 'paused'
            : openRoll < 0.2
              ? 'received'
              : 'processing';
  const openPause = status === 'awaiting_supplement' || status === 'paused';
  const openPauseAt = openPause ? Math.min(now, pauseStart) : null;
  const phone4 = String(Math.floor(rng.next() * 10000)).padStart(4, '0');
  const name = personName(index);
  const supplements = (closedPause ? 1 : 0) + (status === 'awaiting_supplement' ? 1 : 0);
  out.dossiers.push([
    id,
    code,
    agency.id,
    agency.id,
    agency.receivingId,
    procedure.id,
    rng.next() < 0.45 ? 'online' : rng.next() < 0.9 ? 'direct' : 'postal',
    JSON.stringify({ name, phone: personPhone(index, phone4) }),
    name,
    phone4,
    JSON.stringify(procedure.budget),
    'pause',
    status,
    iso(receivedAt),
    iso(clockStart),
    iso(dueAt),
    iso(finishedAt),
    finishedAt === null ? null : rng.next() < 0.97 ? 'approved' : 'rejected',
    iso(returnedAt),
    returned ? 'counter' : null,
    iso(withdrawnAt),
    iso(openPauseAt),
    openPause ? 'processing' : null,
    supplements,
    (closedPause ? 1 : 0) + (openPause ? 1 : 0),
    status === 'received' ? 1 : 2,
    // The open step of the control slip: reception until forwarded, then the handling step until it ends.
    status === 'received' ? 1 : finishedAt === null && withdrawnAt === null ? 2 : null,
    createHash('sha256').update(`${id}:SEEDED`).digest('hex'),
  ]);

  let seq = 0;
  const event = (type: string, at: number, from: string | null, to: string | null) =>
    out.events.push([id, ++seq, type, iso(at), from, to]);
  event('received', receivedAt, null, 'received');
  if (status !== 'received') event('forward', clockStart, 'received', 'processing');
  if (pauseEnd !== null) {
    out.pauses.push([ctx.id(), id, 'supplement', iso(pauseStart), iso(pauseEnd), iso(firstDue)]);
    event('request-supplement', pauseStart, 'processing', 'awaiting_supplement');
    event('receive-supplement', pauseEnd, 'awaiting_supplement', 'processing');
  }
  if (openPauseAt !== null) {
    out.pauses.push([
      ctx.id(),
      id,
      status === 'paused' ? 'financial_obligation' : 'supplement',
      iso(openPauseAt),
      null,
      iso(firstDue),
    ]);
    event(status === 'paused' ? 'pause' : 'request-supplement', openPauseAt, 'processing', status);
  }
  if (finishedAt !== null) event('decide', finishedAt, 'processing', 'decided');
  if (returnedAt !== null) event('return-result', returnedAt, 'decided', 'returned');
  if (withdrawnAt !== null) event('withdraw', withdrawnAt, 'processing', 'withdrawn');
  if (returnedAt !== null && rng.next() < 0.2) {
    const r = rng.next();
    out.ratings.push([
      id,
      r < 0.5 ? 'very_satisfied' : r < 0.85 ? 'satisfied' : r < 0.95 ? 'neutral' : 'dissatisfied',
      iso(returnedAt + HOUR),
    ]);
  }

  out.steps.push([
    ctx.id(),
    id,
    1,
    'Tiếp nhận hồ sơ',
    'receptionist',
    agency.receivingId,
    iso(receivedAt),
    iso(clockStart),
    status === 'received' ? null : iso(clockStart),
    status === 'received' ? null : 'on_time',
    status === 'received' ? null : 0,
  ]);
  if (status !== 'received') {
    const end = finishedAt ?? withdrawnAt;
    const classification =
      finishedAt === null ? null : finishedAt > dueAt ? 'late' : finishedAt < dueAt - DAY ? 'early' : 'on_time';
    out.steps.push([
      ctx.id(),
      id,
      2,
      'Thẩm định hồ sơ',
      'officer',
      agency.id,
      iso(clockStart),
      iso(dueAt),
      iso(end),
      classification,
      end === null ? null : Math.floor((end - clockStart) / 3),
    ]);
  }
}
