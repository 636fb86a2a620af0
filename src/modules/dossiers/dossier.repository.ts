import { and, asc, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { queryRows } from '../../db/rows.js';
import { agencyScope, agencySubtree } from '../../db/scope.js';
import { dailyCounters, dossierEvents, dossierPauses, dossiers, dossierSteps, idempotencyKeys, procedures } from '../../db/schema/index.js';
import type { Actor } from '../auth/roles.js';
import { OPEN_STATUSES } from './dossier.transitions.js';

export type DossierRow = typeof dossiers.$inferSelect;
export type NewDossier = typeof dossiers.$inferInsert;
export type StepRow = typeof dossierSteps.$inferSelect;
export type PauseRow = typeof dossierPauses.$inferSelect;
export type EventRow = typeof dossierEvents.$inferSelect;

/**
 * Staff see a dossier through the agency that handles it or the one-stop unit that received it
 * (architecture "Access model"): the condition lives here so no service can forget it.
 */
function visibleTo(actor: Actor): SQL | undefined {
  const handling = agencyScope(actor, dossiers.agencyId);
  const receiving = agencyScope(actor, dossiers.receivingAgencyId);
  return handling && receiving ? or(handling, receiving) : undefined;
}

/** Next number of an agency's daily sequence; the row lock makes codes gapless and unique under concurrency. */
export async function nextDailySeq(db: Db, agencyId: string, day: string): Promise<number> {
  const rows = await db.insert(dailyCounters).values({ agencyId, day, lastSeq: 1 })
    .onConflictDoUpdate({ target: [dailyCounters.agencyId, dailyCounters.day], set: { lastSeq: sql`${dailyCounters.lastSeq} + 1` } })
    .returning({ lastSeq: dailyCounters.lastSeq });
  return rows[0]!.lastSeq;
}

export async function insertDossier(db: Db, row: NewDossier): Promise<DossierRow> {
  return (await db.insert(dossiers).values(row).returning())[0]!;
}

export async function findVisible(db: Db, actor: Actor, id: string): Promise<DossierRow | undefined> {
  return (await db.select().from(dossiers).where(and(eq(dossiers.id, id), visibleTo(actor))).limit(1))[0];
}

/** Locks the dossier row for the rest of the transaction: concurrent actions on it serialise. */
export async function lockVisible(db: Db, actor: Actor, id: string): Promise<DossierRow | undefined> {
  return (await db.select().from(dossiers).where(and(eq(dossiers.id, id), visibleTo(actor))).for('update').limit(1))[0];
}

/** Unscoped lock, for system work (deadline recomputation, import). */
export async function lockById(db: Db, id: string): Promise<DossierRow | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.id, id)).for('update').limit(1))[0];
}

export async function findByCode(db: Db, code: string): Promise<DossierRow | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.code, code)).limit(1))[0];
}

export interface PublicView {
  id: string;
  code: string;
  status: string;
  agencyId: string;
  procedureId: string;
  applicantName: string;
  phoneLast4: string | null;
  lookupPinHash: string;
  receivedAt: Date;
  dueAt: Date;
  promisedAt: Date | null;
  pausedSince: Date | null;
  finishedAt: Date | null;
  withdrawnAt: Date | null;
  returnedAt: Date | null;
  steps: Array<{ name: string; startedAt: string; finishedAt: string | null; classification: string | null }>;
}

/** The public page of a dossier in one round trip (the hot path of citizen lookups). */
export async function findPublicView(db: Db, code: string): Promise<PublicView | undefined> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    select d.id, d.code, d.status, d.agency_id, d.procedure_id, d.applicant_name, d.phone_last4, d.lookup_pin_hash,
      d.received_at, d.due_at, d.promised_at, d.paused_since, d.finished_at, d.withdrawn_at, d.returned_at,
      coalesce((select json_agg(json_build_object('name', s.name, 'startedAt', s.started_at, 'finishedAt', s.finished_at,
        'classification', s.classification) order by s.seq) from dossier_steps s where s.dossier_id = d.id), '[]'::json) as steps
    from dossiers d where d.code = ${code}`);
  const r = rows[0];
  if (!r) return undefined;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: r.id as string, code: r.code as string, status: r.status as string, agencyId: r.agency_id as string, procedureId: r.procedure_id as string,
    applicantName: r.applicant_name as string, phoneLast4: r.phone_last4 as string | null, lookupPinHash: r.lookup_pin_hash as string,
    receivedAt: date(r.received_at)!, dueAt: date(r.due_at)!, promisedAt: date(r.promised_at), pausedSince: date(r.paused_since),
    finishedAt: date(r.finished_at), withdrawnAt: date(r.withdrawn_at), returnedAt: date(r.returned_at),
    steps: (typeof r.steps === 'string' ? JSON.parse(r.steps) : r.steps) as PublicView['steps'],
  };
}

export async function findByExternalId(db: Db, externalId: string): Promise<DossierRow | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.externalId, externalId)).limit(1))[0];
}

export async function updateDossier(db: Db, id: string, patch: Partial<NewDossier>): Promise<DossierRow> {
  return (await db.update(dossiers).set({ ...patch, updatedAt: sql`now()` }).where(eq(dossiers.id, id)).returning())[0]!;
}

export async function insertEvent(db: Db, row: typeof dossierEvents.$inferInsert): Promise<void> {
  await db.insert(dossierEvents).values(row);
}

export function listEvents(db: Db, dossierId: string): Promise<EventRow[]> {
  return db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, dossierId)).orderBy(asc(dossierEvents.seq));
}

export async function insertStep(db: Db, row: typeof dossierSteps.$inferInsert): Promise<void> {
  await db.insert(dossierSteps).values(row);
}

export function listSteps(db: Db, dossierId: string): Promise<StepRow[]> {
  return db.select().from(dossierSteps).where(eq(dossierSteps.dossierId, dossierId)).orderBy(asc(dossierSteps.seq));
}

export async function openStep(db: Db, dossierId: string): Promise<StepRow | undefined> {
  return (await db.select().from(dossierSteps).where(and(eq(dossierSteps.dossierId, dossierId), isNull(dossierSteps.finishedAt)))
    .orderBy(desc(dossierSteps.seq)).limit(1))[0];
}

export async function lastStepSeq(db: Db, dossierId: string): Promise<number> {
  const rows = await db.select({ n: sql<number>`coalesce(max(${dossierSteps.seq}), 0)::int` }).from(dossierSteps).where(eq(dossierSteps.dossierId, dossierId));
  return Number(rows[0]?.n ?? 0);
}

export async function updateStep(db: Db, id: string, patch: Partial<typeof dossierSteps.$inferInsert>): Promise<void> {
  await db.update(dossierSteps).set(patch).where(eq(dossierSteps.id, id));
}

export async function insertPause(db: Db, row: typeof dossierPauses.$inferInsert): Promise<void> {
  await db.insert(dossierPauses).values(row);
}

export async function closeOpenPause(db: Db, dossierId: string, at: Date): Promise<PauseRow | undefined> {
  return (await db.update(dossierPauses).set({ endedAt: at })
    .where(and(eq(dossierPauses.dossierId, dossierId), isNull(dossierPauses.endedAt))).returning())[0];
}

export function listPauses(db: Db, dossierId: string): Promise<PauseRow[]> {
  return db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, dossierId)).orderBy(asc(dossierPauses.startedAt));
}

export async function findIdempotent(db: Db, userId: string, key: string) {
  return (await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key))).limit(1))[0];
}

export async function insertIdempotent(db: Db, row: typeof idempotencyKeys.$inferInsert): Promise<void> {
  await db.insert(idempotencyKeys).values(row);
}

export interface DossierFilter {
  status?: string;
  agencyId?: string;
  procedureCode?: string;
  channel?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  dueBefore?: Date;
  overdueAt?: Date;
  dueSoon?: { from: Date; until: Date };
  assigneeId?: string;
  q?: string;
  after?: [string, string];
  limit: number;
}

const open = () => inArray(dossiers.status, [...OPEN_STATUSES]);
const running = () => and(open(), isNull(dossiers.pausedSince));

export function listVisible(db: Db, actor: Actor, f: DossierFilter): Promise<DossierRow[]> {
  const c: (SQL | undefined)[] = [visibleTo(actor)];
  if (f.status) c.push(eq(dossiers.status, f.status));
  if (f.agencyId) c.push(eq(dossiers.agencyId, f.agencyId));
  if (f.procedureCode) c.push(sql`${dossiers.procedureId} = (select id from ${procedures} where ${procedures.code} = ${f.procedureCode})`);
  if (f.channel) c.push(eq(dossiers.channel, f.channel));
  if (f.receivedFrom) c.push(sql`${dossiers.receivedAt} >= ${f.receivedFrom.toISOString()}::timestamptz`);
  if (f.receivedTo) c.push(sql`${dossiers.receivedAt} < ${f.receivedTo.toISOString()}::timestamptz`);
  if (f.dueBefore) c.push(and(open(), lt(dossiers.dueAt, f.dueBefore)));
  if (f.overdueAt) c.push(and(running(), lt(dossiers.dueAt, f.overdueAt)));
  if (f.dueSoon) {
    c.push(and(running(), sql`${dossiers.dueAt} >= ${f.dueSoon.from.toISOString()}::timestamptz`,
      sql`${dossiers.dueAt} < ${f.dueSoon.until.toISOString()}::timestamptz`));
  }
  if (f.assigneeId) c.push(eq(dossiers.assigneeId, f.assigneeId));
  if (f.q) {
    const pattern = containsPattern(f.q);
    c.push(or(eq(dossiers.code, f.q), ilike(dossiers.applicantName, pattern)));
  }
  if (f.after) {
    const [receivedAt, id] = f.after;
    c.push(sql`(${dossiers.receivedAt}, ${dossiers.id}) < (${receivedAt}::timestamptz, ${id}::uuid)`);
  }
  return db.select().from(dossiers).where(and(...c)).orderBy(desc(dossiers.receivedAt), desc(dossiers.id)).limit(f.limit + 1);
}

/**
 * What a staff member must act on: open dossiers assigned to them; unassigned ones whose current
 * step is for one of their roles in their agency; decided ones waiting at their counter.
 */
export function inbox(db: Db, actor: Actor, limit: number): Promise<DossierRow[]> {
  const roles = [...actor.roles];
  const mine = and(open(), eq(dossiers.assigneeId, actor.userId));
  const unassigned = actor.agencyId ? and(open(), isNull(dossiers.assigneeId), eq(dossiers.agencyId, actor.agencyId),
    sql`exists (select 1 from ${dossierSteps} s where s.dossier_id = ${dossiers.id} and s.finished_at is null and s.role in ${roles})`) : undefined;
  const toReturn = actor.roles.includes('receptionist') && actor.agencyId
    ? and(eq(dossiers.status, 'decided'), eq(dossiers.receivingAgencyId, actor.agencyId)) : undefined;
  const supplements = actor.roles.includes('receptionist') && actor.agencyId
    ? and(eq(dossiers.status, 'awaiting_supplement'), eq(dossiers.receivingAgencyId, actor.agencyId)) : undefined;
  return db.select().from(dossiers).where(and(visibleTo(actor), or(mine, unassigned, toReturn, supplements)))
    .orderBy(asc(dossiers.dueAt)).limit(limit);
}

/** Open dossiers handled in an agency subtree (all when null), for recomputing deadlines. */
export function openInScope(db: Db, agencyId: string | null): Promise<DossierRow[]> {
  const scope = agencyId ? sql`${dossiers.agencyId} in ${agencySubtree(agencyId)}` : undefined;
  return db.select().from(dossiers).where(and(open(), scope));
}

