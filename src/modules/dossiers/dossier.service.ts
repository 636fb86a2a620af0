import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { refusals } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, toPage } from '../../http/pagination.js';
import { idempotencyLookupHash, seal, unseal } from '../../lib/sealed.js';
import { ttlCache } from '../../lib/ttl-cache.js';
import type { AgencyService } from '../agencies/agency.service.js';
import type { Actor } from '../auth/roles.js';
import type { UserService } from '../auth/user.service.js';
import type { CalendarChange, CalendarService } from '../calendar/calendar.service.js';
import { isoDate } from '../calendar/civil.js';
import { computeDeadline, type Budget } from '../calendar/deadline.js';
import type { ProcedureView } from '../procedures/procedure.presenter.js';
import type { ProcedureService } from '../procedures/procedure.service.js';
import { applyAction, startStep, type ActionBody, type ActionDeps } from './dossier.actions.js';
import { dossierCode, hashLookupPin, newLookupPin, phoneLast4 } from './dossier.code.js';
import { dueAtFromLedger } from './dossier.deadline.js';
import { instantFormatter, presentDossier, presentEvent, presentPause, presentStep } from './dossier.presenter.js';
import * as repo from './dossier.repository.js';
import type { Action } from './dossier.transitions.js';

export interface Applicant {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface IntakeInput {
  procedureCode: string;
  channel: 'direct' | 'online' | 'postal';
  applicant: Applicant;
  components?: Array<{ name: string; copies?: number }>;
  note?: string;
  agencyId?: string;
}

export interface ListInput {
  status?: string;
  agencyId?: string;
  procedureCode?: string;
  channel?: string;
  receivedFrom?: string;
  receivedTo?: string;
  dueBefore?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  assigneeId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export interface DossierDeps {
  clock: Clock;
  timeZone: string;
  calendar: CalendarService;
  procedures: ProcedureService;
  agencies: AgencyService;
  users: UserService;
}

export type DossierService = ReturnType<typeof createDossierService>;

export function createDossierService(db: Db, deps: DossierDeps) {
  const { clock, calendar, procedures, agencies } = deps;
  const iso = instantFormatter(deps.timeZone);
  // Procedures change rarely and every read shows one: keep each for a minute. Inside a
  // transaction a miss loads through it (PGlite has one connection).
  const cachedProcedure = ttlCache((id: string, via: Db) => procedures.get(id, via), 60_000, () => clock.now().getTime());
  const procedureOf = (id: string, via: Db = db): Promise<ProcedureView> => cachedProcedure(id, via);
  const activeProcedure = ttlCache((code: string, via: Db) => procedures.activeByCode(code, via), 60_000, () => clock.now().getTime());
  const agencyOf = ttlCache((id: string, via: Db) => agencies.get(id, via), 60_000, () => clock.now().getTime());
  procedures.onChanged(() => { cachedProcedure.clear(); activeProcedure.clear(); });
  agencies.onChanged(() => agencyOf.clear());

  const actionDeps: ActionDeps = {
    calendarOf: (agencyId, tx) => calendar.calendarOf(agencyId, tx),
    stepsOf: async (procedureId, tx) => (await procedureOf(procedureId, tx)).steps,
    canBeAssigned: (userId, agencyId, tx) => deps.users.isActiveMemberOf(userId, agencyId, tx),
    agencyExists: (agencyId, tx) => agencies.exists(agencyId, tx),
  };

  async function present(d: repo.DossierRow, via: Db = db) {
    const [procedure, cal] = await Promise.all([procedureOf(d.procedureId, via), calendar.calendarOf(d.agencyId, via)]);
    return presentDossier(d, procedure, cal, clock.now().getTime(), iso);
  }

  /** Creates the dossier, its code, first step and event in the caller's transaction. */
  async function create(tx: Db, actor: Actor, input: IntakeInput & { receivedAt: Date; receivingAgencyId: string | null; externalId?: string; code?: string }) {
    const procedure = await activeProcedure(input.procedureCode, tx);
    const agencyId = input.agencyId ?? procedure.agencyId ?? input.receivingAgencyId;
    const receivingAgencyId = input.receivingAgencyId;
    if (!agencyId || !receivingAgencyId) throw new AppError('RECEIVING_UNIT_REQUIRED');
    const agency = await agencyOf(agencyId, tx);
    const cal = await calendar.calendarOf(agencyId, tx);
    const receivedAt = input.receivedAt;
    const { clockStart, dueAt } = computeDeadline(cal, receivedAt.getTime(), procedure.budget);
    const code = input.code ?? dossierCode(agency.electronicId, isoDate(cal.localDay(receivedAt.getTime())),
      await repo.nextDailySeq(tx, agencyId, isoDate(cal.localDay(receivedAt.getTime()))));
    const pin = newLookupPin();
    const id = randomUUID();
    const dossier = await repo.insertDossier(tx, {
      id, code, externalId: input.externalId ?? null, agencyId, initialAgencyId: agencyId, receivingAgencyId, procedureId: procedure.id,
      channel: input.channel, applicant: input.applicant, applicantName: input.applicant.name, phoneLast4: phoneLast4(input.applicant.phone),
      components: input.components ?? [], note: input.note ?? null, budget: procedure.budget, supplementPolicy: procedure.supplementPolicy,
      status: 'received', receivedAt, clockStartAt: new Date(clockStart), dueAt: new Date(dueAt), lookupPinHash: hashLookupPin(id, pin), createdBy: actor.userId,
    });
    const first = procedure.steps[0];
    if (first) await startStep(tx, id, first, agencyId, new Date(clockStart), cal, undefined, 1);
    await repo.insertEvent(tx, { dossierId: id, seq: 1, type: 'received', at: receivedAt, actorId: actor.userId, toStatus: 'received', data: { channel: input.channel } });
    return { dossier, pin };
  }

  const service = {
    create,
    present,
    actionDeps,

    /**
     * Intake at the counter (form 01). With an Idempotency-Key, a retry of the same request answers
     * the first response; the same key with another body is refused.
     */
    async intake(actor: Actor, input: IntakeInput, idempotencyKey?: string): Promise<{ status: number; body: unknown }> {
      const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      const lookup = idempotencyKey ? idempotencyLookupHash(actor.userId, idempotencyKey) : undefined;
      const replay = async () => {
        const prior = lookup ? await repo.findIdempotent(db, actor.userId, lookup) : undefined;
        if (!prior) return undefined;
        if (prior.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
        return { status: prior.status, body: unseal<unknown>(actor.userId, idempotencyKey!, (prior.response as { sealed: string }).sealed) };
      };
      const earlier = await replay();
      if (earlier) return earlier;
      try {
        return await db.transaction(async (tx) => {
          const { dossier, pin } = await create(tx, actor, { ...input, receivedAt: clock.now(), receivingAgencyId: actor.agencyId });
          const body = { ...(await present(dossier, tx)), lookupPin: pin };
          if (lookup) {
            await repo.insertIdempotent(tx, { userId: actor.userId, key: lookup, requestHash, status: 201, response: { sealed: seal(actor.userId, idempotencyKey!, body) } });
          }
          return { status: 201, body };
        });
      } catch (error) {
        // Two retries racing: the loser's insert of the key fails; answer what the winner stored.
        const raced = lookup ? await replay() : undefined;
        if (raced) return raced;
        throw error;
      }
    },

    /** Refusal at the counter (form 03): recorded, and no dossier code is consumed. */
    async refuse(actor: Actor, input: { procedureCode: string; applicant: Applicant; reasons: string[] }) {
      const procedure = await procedures.activeByCode(input.procedureCode);
      if (!actor.agencyId) throw new AppError('RECEIVING_UNIT_REQUIRED');
      const at = clock.now();
      const [row] = await db.insert(refusals).values({
        agencyId: actor.agencyId, procedureId: procedure.id, applicant: input.applicant, reasons: input.reasons, actorId: actor.userId, at,
      }).returning();
      return { id: row!.id, procedureCode: procedure.code, agencyId: row!.agencyId, reasons: input.reasons, at: iso(at) };
    },

    /** A live action: locks the dossier, checks the version, applies the transition table. */
    async act(actor: Actor, id: string, action: Action, body: ActionBody, ifMatch?: number) {
      const expected = (body.version as number | undefined) ?? ifMatch;
      const result = await db.transaction(async (tx) => {
        const dossier = await repo.lockVisible(tx, actor, id);
        if (!dossier) throw new AppError('DOSSIER_NOT_FOUND');
        if (expected !== undefined && expected !== dossier.version) throw new AppError('VERSION_CONFLICT', { current: dossier.version });
        return applyAction(tx, actionDeps, dossier, action, body, actor, clock.now());
      });
      return { ...(await present(result.dossier)), ...(result.warnings.length > 0 ? { warnings: result.warnings } : {}) };
    },

    async get(actor: Actor, id: string) {
      const dossier = await repo.findVisible(db, actor, id);
      if (!dossier) throw new AppError('DOSSIER_NOT_FOUND');
      const [steps, pauses, base] = await Promise.all([repo.listSteps(db, id), repo.listPauses(db, id), present(dossier)]);
      return { ...base, steps: steps.map((s) => presentStep(s, iso)), pauses: pauses.map((p) => presentPause(p, iso)) };
    },

    async events(actor: Actor, id: string) {
      if (!(await repo.findVisible(db, actor, id))) throw new AppError('DOSSIER_NOT_FOUND');
      return { events: (await repo.listEvents(db, id)).map((e) => presentEvent(e, iso)) };
    },

    async list(actor: Actor, input: ListInput) {
      const now = clock.now();
      const cal = await calendar.calendarOf(actor.agencyId);
      const rows = await repo.listVisible(db, actor, {
        ...input,
        receivedFrom: input.receivedFrom ? new Date(input.receivedFrom) : undefined,
        receivedTo: input.receivedTo ? new Date(input.receivedTo) : undefined,
        dueBefore: input.dueBefore ? new Date(input.dueBefore) : undefined,
        overdueAt: input.overdue ? now : undefined,
        dueSoon: input.dueSoon ? { from: now, until: new Date(cal.add(now.getTime(), cal.dayLength)) } : undefined,
        after: decodeCursor(input.cursor, ['instant', 'uuid']) as [string, string] | undefined,
      });
      const page = toPage(rows, input.limit, (d) => [d.receivedAt.toISOString(), d.id], (d) => d);
      return { items: await Promise.all(page.items.map((d) => present(d))), nextCursor: page.nextCursor };
    },

    async inbox(actor: Actor, limit: number) {
      return { items: await Promise.all((await repo.inbox(db, actor, limit)).map((d) => present(d))) };
    },

    /** Domain B2: when a calendar changes, open dossiers get the deadline their ledger gives under it. */
    async recomputeDeadlines(change: CalendarChange): Promise<number> {
      let changed = 0;
      for (const { id } of await repo.openInScope(db, change.agencyId)) {
        const moved = await db.transaction(async (tx) => {
          const dossier = await repo.lockById(tx, id);
          if (!dossier || dossier.finishedAt || dossier.withdrawnAt) return false;
          const cal = await calendar.calendarOf(dossier.agencyId, tx);
          const pauses = await repo.listPauses(tx, dossier.id);
          const dueAt = dueAtFromLedger(cal, dossier.receivedAt.getTime(), dossier.budget as Budget, dossier.supplementPolicy,
            pauses.map((p) => ({ reason: p.reason, startedAt: p.startedAt.getTime(), endedAt: p.endedAt?.getTime() ?? null })));
          if (dueAt === dossier.dueAt.getTime()) return false;
          const version = dossier.version + 1;
          await repo.updateDossier(tx, dossier.id, { dueAt: new Date(dueAt), version });
          await repo.insertEvent(tx, {
            dossierId: dossier.id, seq: version, type: 'deadline_recomputed', at: clock.now(), actorId: null,
            fromStatus: dossier.status, toStatus: dossier.status, data: { from: iso(dossier.dueAt), to: iso(new Date(dueAt)), change },
          });
          return true;
        });
        if (moved) changed++;
      }
      return changed;
    },
  };
  return service;
}
