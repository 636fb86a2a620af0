import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { agencyScope, agencySubtree } from '../../db/scope.js';
import {
  dossierEvents,
  dossierPauses,
  dossiers,
  dossierSteps,
  idempotencyKeys,
  ID_NUMBER,
  PHONE_DIGITS,
  SEARCH_WORDS,
  procedures,
  ratings,
  refusals,
} from '../../db/schema/index.js';
import type { Actor } from '../../lib/roles.js';
import { OPEN_STATUSES } from '../../lib/values.js';
import type { ListQuery } from './dossier.schemas.js';

export type DossierRow = typeof dossiers.$inferSelect;
export type NewDossier = typeof dossiers.$inferInsert;
export type StepRow = typeof dossierSteps.$inferSelect;
export type PauseRow = typeof dossierPauses.$inferSelect;
export type EventRow = typeof dossierEvents.$inferSelect;
export type NewEvent = typeof dossierEvents.$inferInsert;

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Staff see a dossier through the agency that handles it or the one-stop unit that received it
 * (architecture "Access model"): the condition lives here so no service can forget it.
 */
function visibleTo(actor: Actor): SQL | undefined {
  const handling = agencyScope(actor, dossiers.agencyId);
  const receiving = agencyScope(actor, dossiers.receivingAgencyId);
  return handling && receiving ? or(handling, receiving) : undefined;
}

/**
 * A clerk's search text folded as the database folds it (`motcua_fold`, migration 0010: no tone marks, đ → d,
 * lower case); a phone number typed with spaces, dots or dashes becomes its digits.
 */
export function searchKey(q: string): string {
  const text = q.trim();
  if (/^[+\d][\d\s.()-]*$/.test(text)) return text.replace(/\D/g, '');
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/**
 * The words of a clerk's search as lexemes of `search_words` (migration 0018): lower-case letters and
 * digits only, so each is a plain lexeme of the tsquery (at most 8; the rest narrow nothing useful).
 */
export function searchWords(key: string): string[] {
  return key
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .slice(0, 8);
}

/**
 * A whole phone or ID-card number (9 digits or more) is matched exactly through its B-tree index.
 * Otherwise each word typed must begin a word of the folded name, or be a whole number or the last
 * four digits of the phone or ID (word index, issue 13). The dossier code always matches as typed.
 */
function searchCondition(q: string): SQL | undefined {
  const key = searchKey(q);
  if (/^\d{9,}$/.test(key)) return or(eq(dossiers.code, q), sql`${PHONE_DIGITS} = ${key}`, sql`${ID_NUMBER} = ${key}`);
  const words = searchWords(key);
  if (words.length === 0) return eq(dossiers.code, q);
  return or(eq(dossiers.code, q), sql`${SEARCH_WORDS} @@ ${words.join(' & ')}::tsquery`);
}

export async function insertDossier(tx: Tx, row: NewDossier): Promise<DossierRow> {
  return (await tx.insert(dossiers).values(row).returning())[0]!;
}

export async function findVisible(db: Db, actor: Actor, id: string): Promise<DossierRow | undefined> {
  return (
    await db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.id, id), visibleTo(actor)))
      .limit(1)
  )[0];
}

/**
 * The same scoped read with one more value computed from the row (a correlated subquery over
 * `dossiers.id`, e.g. the files module's bytes in use): one statement where two were.
 */
export async function findVisibleWith<T>(
  db: Db,
  actor: Actor,
  id: string,
  extra: SQL<T>,
): Promise<{ row: DossierRow; extra: T } | undefined> {
  return (
    await db
      .select({ row: dossiers, extra })
      .from(dossiers)
      .where(and(eq(dossiers.id, id), visibleTo(actor)))
      .limit(1)
  )[0];
}

/** Locks the dossier row for the rest of the transaction: concurrent actions on it serialise. */
export async function lockVisible(tx: Tx, actor: Actor, id: string): Promise<DossierRow | undefined> {
  return (
    await tx
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.id, id), visibleTo(actor)))
      .for('update')
      .limit(1)
  )[0];
}

/** Unscoped lock, for system work (recomputation, import, the citizen's rating). */
export async function lockById(tx: Tx, id: string): Promise<DossierRow | undefined> {
  return (await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update').limit(1))[0];
}

export async function findByCode(db: Db, code: string): Promise<DossierRow | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.code, code)).limit(1))[0];
}

export async function findByExternalId(db: Db, externalId: string): Promise<DossierRow | undefined> {
  return (await db.select().from(dossiers).where(eq(dossiers.externalId, externalId)).limit(1))[0];
}

export async function updateDossier(tx: Tx, id: string, patch: Partial<NewDossier>): Promise<DossierRow> {
  return (
    await tx
      .update(dossiers)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(dossiers.id, id))
      .returning()
  )[0]!;
}

/** Appends events; `writes` (data-modifying statements) run in the same statement, as its CTEs. */
export async function insertEvents(tx: Tx, rows: NewEvent[], writes: readonly SQL[] = []): Promise<EventRow[]> {
  if (rows.length === 0) return [];
  if (writes.length === 0) return tx.insert(dossierEvents).values(rows).returning();
  const ctes = writes.map((statement, i) => tx.$with(`write_${i}`, {}).as(statement));
  return tx
    .with(...ctes)
    .insert(dossierEvents)
    .values(rows)
    .returning();
}

export function listEvents(db: Db, dossierId: string): Promise<EventRow[]> {
  return db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, dossierId)).orderBy(asc(dossierEvents.seq));
}

export async function insertStep(tx: Tx, row: typeof dossierSteps.$inferInsert): Promise<void> {
  await tx.insert(dossierSteps).values(row);
}

export function listSteps(db: Db, dossierId: string): Promise<StepRow[]> {
  return db.select().from(dossierSteps).where(eq(dossierSteps.dossierId, dossierId)).orderBy(asc(dossierSteps.seq));
}

export async function openStep(tx: Tx, dossierId: string): Promise<StepRow | undefined> {
  return (
    await tx
      .select()
      .from(dossierSteps)
      .where(and(eq(dossierSteps.dossierId, dossierId), isNull(dossierSteps.finishedAt)))
      .orderBy(desc(dossierSteps.seq))
      .limit(1)
  )[0];
}

export async function lastStepSeq(tx: Tx, dossierId: string): Promise<number> {
  const rows = await tx
    .select({ n: sql<number>`coalesce(max(${dossierSteps.seq}), 0)::int` })
    .from(dossierSteps)
    .where(eq(dossierSteps.dossierId, dossierId));
  return Number(rows[0]?.n ?? 0);
}

export async function updateStep(tx: Tx, id: string, patch: Partial<typeof dossierSteps.$inferInsert>): Promise<void> {
  await tx.update(dossierSteps).set(patch).where(eq(dossierSteps.id, id));
}

export async function insertPause(tx: Tx, row: typeof dossierPauses.$inferInsert): Promise<void> {
  await tx.insert(dossierPauses).values(row);
}

export async function closeOpenPause(tx: Tx, dossierId: string, at: Date): Promise<PauseRow | undefined> {
  return (
    await tx
      .update(dossierPauses)
      .set({ endedAt: at })
      .where(and(eq(dossierPauses.dossierId, dossierId), isNull(dossierPauses.endedAt)))
      .returning()
  )[0];
}

export function listPauses(db: Db, dossierId: string): Promise<PauseRow[]> {
  return db
    .select()
    .from(dossierPauses)
    .where(eq(dossierPauses.dossierId, dossierId))
    .orderBy(asc(dossierPauses.startedAt));
}

/** The pause ledgers of many dossiers at once (set-based recomputation). */
export function listPausesOf(tx: Tx, dossierIds: string[]): Promise<PauseRow[]> {
  if (dossierIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(dossierPauses)
    .where(inArray(dossierPauses.dossierId, dossierIds))
    .orderBy(asc(dossierPauses.startedAt));
}

export async function hasRating(tx: Tx, dossierId: string): Promise<boolean> {
  return (
    (await tx.select({ id: ratings.dossierId }).from(ratings).where(eq(ratings.dossierId, dossierId)).limit(1)).length >
    0
  );
}

export async function insertRating(tx: Tx, row: typeof ratings.$inferInsert): Promise<void> {
  await tx.insert(ratings).values(row);
}

export async function insertRefusal(tx: Tx, row: typeof refusals.$inferInsert) {
  return (await tx.insert(refusals).values(row).returning())[0]!;
}

export async function findIdempotent(db: Db, userId: string, key: string) {
  return (
    await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      .limit(1)
  )[0];
}

export async function insertIdempotent(tx: Tx, row: typeof idempotencyKeys.$inferInsert): Promise<void> {
  await tx.insert(idempotencyKeys).values(row);
}

/** Per handling agency, the instant one working day ahead (domain B3 "due soon"), as a joinable table. */
export type DueSoonThresholds = ReadonlyArray<readonly [agencyId: string, until: Date]>;

function dueSoonBefore(thresholds: DueSoonThresholds): SQL {
  if (thresholds.length === 0) return sql`false`;
  const values = sql.join(
    thresholds.map(([agencyId, until]) => sql`(${agencyId}::uuid, ${iso(until)})`),
    sql`, `,
  );
  return sql`${dossiers.dueAt} < (select t.until from (values ${values}) as t(agency_id, until) where t.agency_id = ${dossiers.agencyId})`;
}

/**
 * Written out as literals (constants of the code, not client input) so that the planner can match
 * the partial indexes on running dossiers (migration 0013); a bound parameter list cannot be proved
 * to imply an index predicate in a generic plan.
 */
const OPEN_LIST = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));
const open = () => sql`${dossiers.status} in (${OPEN_LIST})`;
const running = () => and(open(), isNull(dossiers.pausedSince));

export interface ListFrame {
  now: Date;
  dueSoon?: DueSoonThresholds;
  after?: [string, string];
}

export function listVisible(db: Db, actor: Actor, f: ListQuery, frame: ListFrame): Promise<DossierRow[]> {
  const c: (SQL | undefined)[] = [visibleTo(actor)];
  if (f.status) c.push(eq(dossiers.status, f.status));
  if (f.agencyId) c.push(eq(dossiers.agencyId, f.agencyId));
  if (f.procedureCode) {
    c.push(sql`${dossiers.procedureId} = (select id from ${procedures} where ${procedures.code} = ${f.procedureCode})`);
  }
  if (f.channel) c.push(eq(dossiers.channel, f.channel));
  if (f.receivedFrom) c.push(sql`${dossiers.receivedAt} >= ${f.receivedFrom}::timestamptz`);
  if (f.receivedTo) c.push(sql`${dossiers.receivedAt} < ${f.receivedTo}::timestamptz`);
  if (f.dueBefore) c.push(and(open(), sql`${dossiers.dueAt} < ${f.dueBefore}::timestamptz`));
  if (f.overdue) c.push(and(running(), lt(dossiers.dueAt, frame.now)));
  if (f.dueSoon)
    c.push(and(running(), sql`${dossiers.dueAt} >= ${iso(frame.now)}`, dueSoonBefore(frame.dueSoon ?? [])));
  if (f.assigneeId) c.push(eq(dossiers.assigneeId, f.assigneeId));
  if (f.q) c.push(searchCondition(f.q));
  if (frame.after) {
    const [receivedAt, id] = frame.after;
    c.push(sql`(${dossiers.receivedAt}, ${dossiers.id}) < (${receivedAt}::timestamptz, ${id}::uuid)`);
  }
  return db
    .select()
    .from(dossiers)
    .where(and(...c))
    .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
    .limit(f.limit + 1);
}

/**
 * What a staff member must act on: open dossiers assigned to them; unassigned ones whose current
 * step is for one of their roles in their agency; decided ones waiting at their counter.
 */
export function inbox(db: Db, actor: Actor, limit: number): Promise<DossierRow[]> {
  const roles = [...actor.roles];
  const mine = and(open(), eq(dossiers.assigneeId, actor.userId));
  const unassigned = actor.agencyId
    ? and(
        open(),
        isNull(dossiers.assigneeId),
        eq(dossiers.agencyId, actor.agencyId),
        sql`exists (select 1 from ${dossierSteps} s where s.dossier_id = ${dossiers.id} and s.finished_at is null and s.role in ${roles})`,
      )
    : undefined;
  const counter = actor.roles.includes('receptionist') && actor.agencyId ? actor.agencyId : undefined;
  const toReturn = counter ? and(eq(dossiers.status, 'decided'), eq(dossiers.receivingAgencyId, counter)) : undefined;
  const supplements = counter
    ? and(eq(dossiers.status, 'awaiting_supplement'), eq(dossiers.receivingAgencyId, counter))
    : undefined;
  return db
    .select()
    .from(dossiers)
    .where(and(visibleTo(actor), or(mine, unassigned, toReturn, supplements)))
    .orderBy(asc(dossiers.dueAt))
    .limit(limit);
}

/** A batch of open dossiers handled in an agency subtree (all when null), locked, in id order. */
export function lockOpenBatch(
  tx: Tx,
  agencyId: string | null,
  afterId: string | null,
  limit: number,
): Promise<DossierRow[]> {
  const scope = agencyId ? sql`${dossiers.agencyId} in ${agencySubtree(agencyId)}` : undefined;
  return tx
    .select()
    .from(dossiers)
    .where(and(open(), scope, afterId ? gt(dossiers.id, afterId) : undefined))
    .orderBy(asc(dossiers.id))
    .limit(limit)
    .for('update');
}

/** Sets new deadlines and versions of many dossiers in one statement. */
export async function updateDeadlines(
  tx: Tx,
  rows: Array<{ id: string; dueAt: Date; version: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.id}::uuid, ${iso(r.dueAt)}, ${r.version}::int)`),
    sql`, `,
  );
  await tx.execute(sql`update dossiers d set due_at = v.due_at, version = v.version, updated_at = now()
    from (values ${values}) as v(id, due_at, version) where d.id = v.id`);
}

/** Running dossiers overdue or due soon, by their handling agency's threshold (for the hourly sweep). */
export async function dueOrOverdue(tx: Tx, thresholds: DueSoonThresholds) {
  if (thresholds.length === 0) return [];
  const values = sql.join(
    thresholds.map(([agencyId, until]) => sql`(${agencyId}::uuid, ${iso(until)})`),
    sql`, `,
  );
  const rows = await queryRows<{ id: string; agency_id: string; assignee_id: string | null; due_at: string | Date }>(
    tx,
    sql`
    select d.id, d.agency_id, d.assignee_id, d.due_at from dossiers d
    join (values ${values}) as t(agency_id, until) on t.agency_id = d.agency_id
    where d.status in ${[...OPEN_STATUSES]} and d.paused_since is null and d.due_at < t.until`,
  );
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, assigneeId: r.assignee_id, dueAt: new Date(r.due_at) }));
}
