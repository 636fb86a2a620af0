import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { InstantFormatter } from '../../lib/dates.js';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Applicant, Channel, Component, ProcedureStep } from '../../lib/values.js';
import { isoDate } from '../calendar/civil.js';
import { computeDeadline, type Budget } from '../calendar/deadline.js';
import { dossierCodePrefix, hashLookupPin, newLookupPin, phoneLast4 } from './dossier.code.js';
import { dueAtFromLedger } from './dossier.deadline.js';
import {
  actorIdOf,
  handlers,
  startStep,
  type Acting,
  type HandledAction,
  type HandlerContext,
  type Outcome,
  type WriteDeps,
} from './dossier.handlers.js';
import { assignDailyCode } from './dossier.code.repository.js';
import * as repo from './dossier.repository.js';
import type { ActionBodies } from './dossier.schemas.js';
import {
  eventTypeOf,
  nextStatus,
  staffMayAct,
  TRANSITIONS,
  type Action,
  type Relation,
} from './dossier.transitions.js';

/**
 * THE write path of the dossier aggregate (style.md 11). Every change of a dossier — intake, live
 * actions, import, the citizen's rating, deadline recomputation — goes through `createDossier`,
 * `execute` or `recomputeBatch` here, inside the caller's transaction:
 *
 *   lock the row → authorise (the access matrix) → check the version → check the transition →
 *   patch → version + 1 → append the event with seq = version, with what the listeners (outbox) write.
 *
 * Nothing else writes the dossiers, dossier_events, dossier_steps, dossier_pauses or ratings tables.
 */

/** An event as it is about to be appended: every column but its id. */
export type PlannedEvent = Omit<repo.EventRow, 'id'>;

/**
 * Called in the event's transaction as the event is appended (the outbox hooks in here); `who` tells
 * live work from replayed history (`import`: notify nobody). It returns what it writes as one
 * data-modifying statement, or null, and the write path runs it in the transaction as a CTE of the
 * event's insert (after that insert for a batch of several events). So the statement must be an INSERT,
 * UPDATE or DELETE without a WITH of its own; it sees the database as it was before the event's insert
 * (not the event itself); two listeners must not update the same row. If it fails, the whole change
 * fails with it (over HTTP a unique violation answers 409, like any other). At intake the dossier's code
 * is not taken yet (domain B6): the dossier shows a provisional code, which a listener must not record
 * (the outbox reads the code when it plans, after the commit).
 */
export type EventListener = (
  tx: Tx,
  event: PlannedEvent,
  dossier: repo.DossierRow,
  who: Acting['kind'],
) => Promise<SQL | null>;

export interface WritePath {
  createDossier(tx: Tx, by: Acting, input: NewDossierInput): Promise<{ dossier: repo.DossierRow; pin: string }>;
  execute<A extends HandledAction>(tx: Tx, command: Command<A>): Promise<CommandResult>;
  recomputeBatch(tx: Tx, batch: RecomputeBatch): Promise<{ scanned: number; changed: number; lastId: string | null }>;
  onEvent(listener: EventListener): void;
}

export interface NewDossierInput {
  procedure: { id: string; budget: Budget; supplementPolicy: 'pause' | 'restart'; steps: ProcedureStep[] };
  agency: { id: string; electronicId: string };
  receivingAgencyId: string;
  receivedAt: Date;
  channel: Channel;
  applicant: Applicant;
  components?: Component[];
  note?: string;
  externalId?: string;
  /** A code kept from an older system (import); otherwise the next of the agency's day. */
  code?: string;
}

export interface Command<A extends HandledAction> {
  dossierId: string;
  action: A;
  body: ActionBodies[A];
  by: Acting;
  at: Date;
  /** The version the caller saw (`version` field or If-Match); a mismatch is VERSION_CONFLICT. */
  expectedVersion?: number;
}

export interface CommandResult {
  dossier: repo.DossierRow;
  /** Null when the command changed nothing (a recomputation that found the same deadline). */
  event: repo.EventRow | null;
  warnings: string[];
  /** What the command hands back to its caller only (e.g. a new PIN), never stored in the event. */
  result?: Record<string, unknown>;
}

export interface RecomputeBatch {
  /** Agency subtree whose open dossiers are recomputed; null = all. */
  agencyId: string | null;
  year?: number;
  afterId: string | null;
  limit: number;
  at: Date;
}

/** How a staff member stands to a dossier: its handling agency, its receiving unit, or both. */
export function relationsOf(
  agencyId: string | null,
  dossier: Pick<repo.DossierRow, 'agencyId' | 'receivingAgencyId'>,
): Relation[] {
  if (!agencyId) return [];
  const relations: Relation[] = [];
  if (dossier.agencyId === agencyId) relations.push('handling');
  if (dossier.receivingAgencyId === agencyId) relations.push('receiving');
  return relations;
}

function authorise(action: Action, by: Acting, relations: readonly Relation[]): void {
  const allowed =
    by.kind === 'staff' ? staffMayAct(action, by.actor.roles, relations) : TRANSITIONS[action].others.includes(by.kind);
  if (!allowed) throw new AppError('ACTION_FORBIDDEN', { action });
}

export function createWritePath(deps: WriteDeps, iso: InstantFormatter): WritePath {
  const listeners: EventListener[] = [];

  /**
   * Appends the events with what the listeners write. The listeners plan from each event as it will be
   * written (they need no id); their statements then run in the same round trip as the event's insert,
   * as its CTEs, for a single event (intake and every action), or after it for a batch (the
   * recomputation's hundreds).
   */
  async function appendEvents(
    tx: Tx,
    who: Acting['kind'],
    pairs: Array<{ event: repo.NewEvent; dossier: repo.DossierRow }>,
  ): Promise<repo.EventRow[]> {
    const rows = pairs.map((p) => p.event);
    const statements: SQL[] = [];
    for (const { event, dossier } of pairs) {
      const planned: PlannedEvent = {
        ...event,
        actorId: event.actorId ?? null,
        fromStatus: event.fromStatus ?? null,
        toStatus: event.toStatus ?? null,
        data: event.data ?? {},
      };
      for (const listener of listeners) {
        const statement = await listener(tx, planned, dossier, who);
        if (statement) statements.push(statement);
      }
    }
    if (pairs.length === 1) return repo.insertEvents(tx, rows, statements);
    const events = await repo.insertEvents(tx, rows);
    for (const statement of statements) await tx.execute(statement);
    return events;
  }

  async function lock(tx: Tx, by: Acting, id: string): Promise<repo.DossierRow> {
    const dossier = by.kind === 'staff' ? await repo.lockVisible(tx, by.actor, id) : await repo.lockById(tx, id);
    if (!dossier) throw new AppError('DOSSIER_NOT_FOUND');
    return dossier;
  }

  return {
    onEvent(listener) {
      listeners.push(listener);
    },

    /**
     * Intake (form 01): the dossier, its code, PIN, deadline, first step and first event.
     *
     * Domain B6: the code is gapless per agency and day, so every intake of the agency's day waits for
     * the one before it to commit. To keep that wait short, the code is taken last: the dossier is
     * written with a provisional code, its step and event follow (with what the listeners write, who see
     * the provisional code), and one statement then takes the number and puts the code in
     * (`assignDailyCode`), just before the commit: the wait holds that statement and the commit only. An
     * imported dossier that brings its code keeps it.
     */
    async createDossier(tx, by, input) {
      const { procedure, agency, receivedAt } = input;
      const calendar = await deps.calendarOf(tx, agency.id);
      const { clockStart, dueAt } = computeDeadline(calendar, receivedAt.getTime(), procedure.budget);
      const day = isoDate(calendar.localDay(receivedAt.getTime()));
      const prefix = dossierCodePrefix(agency.electronicId, day);
      // An imported dossier may bring the code it had; every other takes the next of its agency's day, last.
      const takesCode = input.code === undefined;
      const pin = newLookupPin();
      // Time-ordered: the dossier's row and the rows keyed by it (steps, events, messages) go to the right
      // edge of their indexes instead of a random page each (lib/uuid7.ts).
      const id = uuidv7();
      const actorId = actorIdOf(by);
      const written = await repo.insertDossier(tx, {
        id,
        // Unique until the real code replaces it in this transaction; no other transaction ever sees it.
        code: takesCode ? `pending:${id}` : input.code!,
        externalId: input.externalId ?? null,
        agencyId: agency.id,
        initialAgencyId: agency.id,
        receivingAgencyId: input.receivingAgencyId,
        procedureId: procedure.id,
        channel: input.channel,
        applicant: input.applicant,
        applicantName: input.applicant.name,
        phoneLast4: phoneLast4(input.applicant.phone),
        components: input.components ?? [],
        note: input.note ?? null,
        budget: procedure.budget,
        supplementPolicy: procedure.supplementPolicy,
        status: 'received',
        receivedAt,
        clockStartAt: new Date(clockStart),
        dueAt: new Date(dueAt),
        lookupPinHash: hashLookupPin(id, pin),
        createdBy: actorId,
        openStepSeq: procedure.steps.length > 0 ? 1 : null,
      });
      const first = procedure.steps[0];
      // The reception step starts at the receipt itself (issue 13: a step never finishes before it
      // starts); its own deadline still runs from the clock start, as every deadline does (domain B1).
      if (first)
        await startStep(tx, { dossierId: id, step: first, agencyId: agency.id, at: receivedAt, calendar, seq: 1 });
      await appendEvents(tx, by.kind, [
        {
          dossier: written,
          event: {
            dossierId: id,
            seq: 1,
            type: 'received',
            at: receivedAt,
            actorId,
            toStatus: 'received',
            data: { channel: input.channel },
          },
        },
      ]);
      const dossier = takesCode
        ? await assignDailyCode(tx, { dossierId: id, agencyId: agency.id, day, prefix })
        : written;
      return { dossier, pin };
    },

    async execute(tx, command) {
      const { action, by, at } = command;
      const dossier = await lock(tx, by, command.dossierId);
      const relations = by.kind === 'staff' ? relationsOf(by.actor.agencyId, dossier) : [];
      authorise(action, by, relations);
      if (command.expectedVersion !== undefined && command.expectedVersion !== dossier.version) {
        throw new AppError('VERSION_CONFLICT', { current: dossier.version });
      }
      const to = nextStatus(dossier.status, action, dossier.pausedFromStatus);
      if (!to) throw new AppError('INVALID_TRANSITION', { action, status: dossier.status });
      const calendar = await deps.calendarOf(tx, dossier.agencyId);
      const handler = handlers[action] as (
        ctx: HandlerContext,
        body: ActionBodies[typeof action],
      ) => Promise<Outcome | null>;
      const outcome = await handler({ tx, deps, dossier, by, relations, at, calendar, iso }, command.body);
      if (!outcome) return { dossier, event: null, warnings: [] };
      const version = dossier.version + 1;
      const updated = await repo.updateDossier(tx, dossier.id, { ...outcome.patch, status: to, version });
      const { version: _seen, ...fields } = command.body as { version?: number };
      const [event] = await appendEvents(tx, by.kind, [
        {
          dossier: updated,
          event: {
            dossierId: dossier.id,
            seq: version,
            type: eventTypeOf(action),
            at,
            actorId: actorIdOf(by),
            fromStatus: dossier.status,
            toStatus: to,
            data: outcome.data ?? fields,
          },
        },
      ]);
      return {
        dossier: updated,
        event: event!,
        warnings: outcome.warnings ?? [],
        ...(outcome.result ? { result: outcome.result } : {}),
      };
    },

    /**
     * Domain B2: when a calendar changes, open dossiers get the deadline their ledger gives under it.
     * Set-based: one locked batch, its pause ledgers in one query, one UPDATE and one INSERT of
     * events for the dossiers whose deadline moved — the same steps as `execute`, for many rows.
     */
    async recomputeBatch(tx, batch) {
      const rows = await repo.lockOpenBatch(tx, batch.agencyId, batch.afterId, batch.limit);
      const pauses = await repo.listPausesOf(
        tx,
        rows.map((r) => r.id),
      );
      const ledger = new Map<string, repo.PauseRow[]>();
      for (const p of pauses) ledger.set(p.dossierId, [...(ledger.get(p.dossierId) ?? []), p]);
      const changed: Array<{ dossier: repo.DossierRow; dueAt: Date }> = [];
      for (const dossier of rows) {
        if (!nextStatus(dossier.status, 'recompute-deadline', dossier.pausedFromStatus)) continue;
        const calendar = await deps.calendarOf(tx, dossier.agencyId);
        const dueAt = dueAtFromLedger(
          calendar,
          dossier.receivedAt.getTime(),
          dossier.budget,
          dossier.supplementPolicy,
          (ledger.get(dossier.id) ?? []).map((p) => ({
            reason: p.reason,
            startedAt: p.startedAt.getTime(),
            endedAt: p.endedAt?.getTime() ?? null,
          })),
        );
        if (dueAt !== dossier.dueAt.getTime()) changed.push({ dossier, dueAt: new Date(dueAt) });
      }
      await repo.updateDeadlines(
        tx,
        changed.map(({ dossier, dueAt }) => ({ id: dossier.id, dueAt, version: dossier.version + 1 })),
      );
      const reason = { agencyId: batch.agencyId, ...(batch.year !== undefined ? { year: batch.year } : {}) };
      await appendEvents(
        tx,
        'system',
        changed.map(({ dossier, dueAt }) => ({
          dossier: { ...dossier, dueAt, version: dossier.version + 1 },
          event: {
            dossierId: dossier.id,
            seq: dossier.version + 1,
            type: eventTypeOf('recompute-deadline'),
            at: batch.at,
            actorId: null,
            fromStatus: dossier.status,
            toStatus: dossier.status,
            data: { from: iso(dossier.dueAt), to: iso(dueAt), change: reason },
          },
        })),
      );
      return { scanned: rows.length, changed: changed.length, lastId: rows.at(-1)?.id ?? null };
    },
  };
}
