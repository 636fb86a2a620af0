import type { SQL } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db, Tx } from '../../db/client.js';
import { instantFormatter } from '../../lib/dates.js';
import type { Actor } from '../../lib/roles.js';
import { ttlCache } from '../../lib/ttl-cache.js';
import type { RatingLevel } from '../../lib/values.js';
import type { AgencyService } from '../agencies/agency.service.js';
import type { UserService } from '../auth/user.service.js';
import type { CalendarService } from '../calendar/calendar.service.js';
import type { ProcedureService } from '../procedures/procedure.service.js';
import type { WriteDeps } from './dossier.handlers.js';
import { presentDossier } from './dossier.presenter.js';
import { lookupGuard, type LookupLimits } from './lookup-guard.js';
import * as repo from './dossier.repository.js';
import type { ActionBodies, ImportItem, IntakeBody, ListQuery, RefusalBody, SecondFactor } from './dossier.schemas.js';
import type { StaffAction } from './dossier.transitions.js';
import { createWritePath, type EventListener } from './dossier.write.js';
import type { Command } from './dossier.write.js'; // files (issue 15)
import type { FileAction } from './dossier.transitions.js'; // files (issue 15)
import { act, recordReceiptPrint, reissuePin } from './use-cases/act.js';
import type { AgencyInfo, Catalog, DossierContext, EventActor, ProcedureInfo } from './use-cases/context.js';
import type { ImportedFiles } from './use-cases/context.js'; // files (issue 15)
import { importItems } from './use-cases/import.js';
import { intake, refuse } from './use-cases/intake.js';
import { byCodeAndPin, lookupPublic, pinMatches, ratePublic } from './use-cases/public.js';
import { dueSoonThresholds, getDossier, inbox, listDossiers, listEvents } from './use-cases/read.js';
import { recomputeDeadlines, type DeadlineChange } from './use-cases/recompute.js';

export interface DossierDeps {
  clock: Clock;
  timeZone: string;
  calendar: CalendarService;
  procedures: ProcedureService;
  agencies: AgencyService;
  users: UserService;
  lookupLimits: LookupLimits;
  /** Handle for lists and public lookups: the read replica when configured (issue 14); default `db`. */
  readDb?: Db;
}

const CATALOG_TTL_MS = 60_000;

/**
 * The dossiers module: one write path (`dossier.write.ts`) and the use cases that call it, each in
 * its own file under `use-cases/`. This function only wires them together.
 */
export function createDossierService(db: Db, deps: DossierDeps) {
  const { clock, calendar, procedures, agencies, users } = deps;
  const iso = instantFormatter(deps.timeZone);
  const now = () => clock.now().getTime();

  // Catalogue data changes rarely and every read shows some: cached per instance, dropped on change.
  const procedureById = ttlCache((id: string, via: Db) => procedures.getIn(via, id), CATALOG_TTL_MS, now);
  const procedureByCode = ttlCache((code: string, tx: Tx) => procedures.activeByCodeIn(tx, code), CATALOG_TTL_MS, now);
  const agencyById = ttlCache((id: string, via: Db) => agencies.getIn(via, id), CATALOG_TTL_MS, now);
  const agencyIds = ttlCache((_all: 'all', via: Db) => agencies.idsIn(via), CATALOG_TTL_MS, now);
  procedures.onChanged(() => {
    procedureById.clear();
    procedureByCode.clear();
  });
  agencies.onChanged(() => {
    agencyById.clear();
    agencyIds.clear();
  });

  const catalog: Catalog = {
    procedure: (via, id) => procedureById(id, via) as Promise<ProcedureInfo>,
    activeProcedure: (tx, code) => procedureByCode(code, tx) as Promise<ProcedureInfo>,
    agency: (via, id) => agencyById(id, via) as Promise<AgencyInfo>,
  };

  const writeDeps: WriteDeps = {
    calendarOf: (tx, agencyId) => calendar.calendarIn(tx, agencyId),
    stepsOf: async (tx, procedureId) => (await catalog.procedure(tx, procedureId)).steps,
    canBeAssigned: (tx, userId, agencyId) => users.isActiveMemberIn(tx, userId, agencyId),
    agencyActive: (tx, agencyId) => agencies.activeIn(tx, agencyId),
  };
  const write = createWritePath(writeDeps, iso);

  const ctx: DossierContext = {
    db,
    readDb: deps.readDb ?? db,
    clock,
    iso,
    write,
    catalog,
    calendar,
    guard: lookupGuard(db, deps.lookupLimits),
    agencyIds: (via) => agencyIds('all', via),
    async present(d, via) {
      const [procedure, cal] = await Promise.all([
        catalog.procedure(via, d.procedureId),
        calendar.calendarIn(via, d.agencyId),
      ]);
      return presentDossier(d, procedure, cal, now(), iso);
    },
    async actors(ids) {
      const names = await users.names([...new Set(ids)]);
      const out = new Map<string, EventActor>();
      for (const [id, u] of names) {
        const agency = u.agencyId ? await catalog.agency(db, u.agencyId).catch(() => null) : null;
        out.set(id, { id, name: u.fullName, agencyId: u.agencyId, agencyName: agency?.name ?? null });
      }
      return out;
    },
  };

  return {
    intake: (actor: Actor, body: IntakeBody, idempotencyKey?: string) => intake(ctx, actor, body, idempotencyKey),
    refuse: (actor: Actor, body: RefusalBody) => refuse(ctx, actor, body),
    act: <A extends StaffAction>(actor: Actor, id: string, action: A, body: ActionBodies[A], ifMatch?: number) =>
      act(ctx, actor, id, action, body, ifMatch),
    reissuePin: (actor: Actor, id: string) => reissuePin(ctx, actor, id),
    recordReceiptPrint: (actor: Actor, id: string, body: ActionBodies['print-receipt']) =>
      recordReceiptPrint(ctx, actor, id, body),
    pinMatches: (actor: Actor, id: string, pin: string) => pinMatches(ctx, actor, id, pin),
    /** The dossier row if the actor may see it (one scoped read, no steps or calendar), else undefined. */
    visibleRow: (actor: Actor, id: string) => repo.findVisible(db, actor, id),
    /** The same read with one value of the caller's computed from the row in the same statement. */
    visibleRowWith: <T>(actor: Actor, id: string, extra: SQL<T>) => repo.findVisibleWith(db, actor, id, extra),
    byCodeAndPin: (code: string, pin: string) => byCodeAndPin(ctx, code, pin),
    get: (actor: Actor, id: string) => getDossier(ctx, actor, id),
    events: (actor: Actor, id: string) => listEvents(ctx, actor, id),
    list: (actor: Actor, query: ListQuery) => listDossiers(ctx, actor, query),
    inbox: (actor: Actor, limit: number) => inbox(ctx, actor, limit),
    importItems: (actor: Actor, items: ImportItem[], afterImport: () => Promise<void>) =>
      importItems(ctx, actor, items, afterImport),
    recomputeDeadlines: (change: DeadlineChange) => recomputeDeadlines(ctx, change),
    lookupPublic: (code: string, factor: SecondFactor) => lookupPublic(ctx, code, factor),
    ratePublic: (code: string, pin: string | undefined, level: RatingLevel, comment?: string) =>
      ratePublic(ctx, code, pin, level, comment),

    /** Running dossiers overdue or due soon at `asOf`, each against its handling agency's calendar (domain B3). */
    async dueOrOverdue(tx: Tx, asOf: Date) {
      const thresholds = await dueSoonThresholds(ctx, tx, (id) => calendar.calendarIn(tx, id), asOf);
      return (await repo.dueOrOverdue(tx, thresholds)).map((d) => ({ ...d, overdue: d.dueAt < asOf }));
    },

    // files (issue 15): the files module records attachments through the write path, in the transaction that stores the file row.
    fileCommand: (tx: Tx, command: Command<FileAction>) => write.execute(tx, command),
    /** files (issue 15): the import records the file refs of historical dossiers with it (set in src/app.ts). */
    useImportedFiles: (files: ImportedFiles) => {
      ctx.importedFiles = files;
    },

    /** Registers work to do in the same transaction after every dossier event (the outbox). */
    onEvent: (listener: EventListener) => write.onEvent(listener),
  };
}

export type DossierService = ReturnType<typeof createDossierService>;
