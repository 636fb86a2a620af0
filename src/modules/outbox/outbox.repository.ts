import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from '../../lib/uuid7.js';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { outbox, outboxDeliveries, outboxEvents } from '../../db/schema/index.js';
import type { EventContext, OutboxChannel, OutboxStatus, PlannedMessage } from './outbox.types.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type DeliveryRow = typeof outboxDeliveries.$inferSelect;

/**
 * Inserts planned messages; a message already present for its event and channel (the same event planned
 * twice: the same key) is kept as it was.
 */
export async function insertMessages(tx: Db, messages: readonly PlannedMessage[], now: Date): Promise<void> {
  if (messages.length > 0) await tx.execute(messagesInsert(messages, now));
}

/**
 * The statement `insertMessages` runs. The messages travel as one JSON parameter read by
 * `jsonb_to_recordset`: one constant statement text, six parameters whatever the number of messages, and
 * no per-value query building. Ids are UUIDv7, time-ordered, so the primary key grows at its right edge
 * (a random id would take a random page of it for every row; schema/outbox.ts).
 */
export function messagesInsert(messages: readonly PlannedMessage[], now: Date): SQL {
  const json = JSON.stringify(outboxRows(messages));
  const at = now.toISOString();
  return sql`insert into outbox (id, channel, recipient, template, payload, idempotency_key, dossier_id, event_seq,
      next_attempt_at, created_at)
    select m.id, m.channel, m.recipient, m.template, m.payload, m.idempotency_key, m.dossier_id, m.event_seq,
      ${at}::timestamptz, ${at}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as m(id uuid, channel text, recipient text, template text, payload jsonb,
      idempotency_key text, dossier_id uuid, event_seq integer)
    on conflict (dossier_id, event_seq, channel) do nothing`;
}

/**
 * The statement that records an event to plan later (`outbox_events`), for the write path to run with
 * the event's insert (docs/write-path.md step 6). Written out: a query builder embedded in a CTE comes in
 * parentheses, which a data-modifying CTE may not have.
 */
export function eventInsert(dossierId: string, eventSeq: number, context: EventContext, now: Date): SQL {
  return sql`insert into outbox_events (id, dossier_id, event_seq, context, created_at)
    values (${uuidv7()}::uuid, ${dossierId}::uuid, ${eventSeq}::integer, ${JSON.stringify(context)}::jsonb,
      ${now.toISOString()}::timestamptz)`;
}

export interface RecordedEvent {
  id: string;
  dossierId: string;
  eventSeq: number;
  context: EventContext;
  /** Failed planning rounds so far. */
  attempts: number;
  /** The dossier's code now: its intake has committed, so it is the real one. */
  code: string;
}

/**
 * Takes up to `limit` recorded events due at `now` (all but those waiting after a failed planning), oldest
 * first, for planning in `tx`; `SKIP LOCKED` leaves those another planner holds to it. The rows stay
 * locked until `tx` ends.
 */
export async function takeEvents(tx: Tx, limit: number, now: Date): Promise<RecordedEvent[]> {
  const rows = await queryRows<{
    id: string;
    dossier_id: string;
    event_seq: number;
    context: EventContext;
    attempts: number;
    code: string;
  }>(
    tx,
    sql`select e.id, e.dossier_id, e.event_seq, e.context, e.attempts, d.code
      from outbox_events e join dossiers d on d.id = e.dossier_id
      where e.next_attempt_at is null or e.next_attempt_at <= ${now.toISOString()}::timestamptz
      order by e.id limit ${limit}
      for update of e skip locked`,
  );
  return rows.map((r) => ({
    id: r.id,
    dossierId: r.dossier_id,
    eventSeq: r.event_seq,
    context: r.context,
    attempts: r.attempts,
    code: r.code,
  }));
}

/** A recorded event that could not be planned: its error, and not before `nextAttemptAt` again. */
export async function postponeEvent(
  tx: Tx,
  f: { id: string; error: string; attempts: number; nextAttemptAt: Date },
): Promise<void> {
  await tx
    .update(outboxEvents)
    .set({ attempts: f.attempts, lastError: f.error, nextAttemptAt: f.nextAttemptAt })
    .where(eq(outboxEvents.id, f.id));
}

export async function deleteEvents(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.execute(sql`delete from outbox_events where id = any(${sql.param(ids)}::uuid[])`);
}

/** The messages as `messagesInsert`'s JSON rows (snake_case columns), each with a new UUIDv7 id. */
export function outboxRows(messages: readonly PlannedMessage[]) {
  return messages.map((m) => ({
    id: uuidv7(),
    channel: m.channel,
    recipient: m.recipient,
    template: m.template,
    payload: m.payload,
    idempotency_key: m.idempotencyKey,
    dossier_id: m.dossierId,
    event_seq: m.eventSeq,
  }));
}

export interface Claimed {
  id: string;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  payload: unknown;
  idempotencyKey: string;
  attempts: number;
  /** The message was `sending` with an expired lease: its last sender stopped mid-attempt. */
  reclaimed: boolean;
}

/**
 * Takes up to `limit` due messages of the given channels for this dispatcher: pending ones whose
 * time has come and `sending` ones whose lease expired. `FOR UPDATE SKIP LOCKED` lets dispatchers
 * on other connections take other rows instead of waiting; the status and lease written here keep
 * the row from being taken again once the statement commits. `attempts` is bumped and serves as the
 * fencing token of this attempt. One statement (atomic on its own, one round trip, no BEGIN/COMMIT):
 * the claim, and a `lease_expired` line in the delivery log for each message whose last sender
 * stopped mid-attempt.
 */
export async function claimDue(
  db: Db,
  o: { now: Date; leaseMs: number; limit: number; channels: readonly OutboxChannel[] },
): Promise<Claimed[]> {
  if (o.channels.length === 0) return [];
  const now = o.now.toISOString();
  const leaseUntil = new Date(o.now.getTime() + o.leaseMs).toISOString();
  const rows = await queryRows<Omit<Claimed, 'reclaimed'> & { prev_status: string; idempotency_key: string }>(
    db,
    sql`
    with due as (
      select id, status as prev_status from outbox
      where channel = any(${sql.param(o.channels)}::text[])
        and ((status = 'pending' and next_attempt_at <= ${now}::timestamptz)
          or (status = 'sending' and lease_until <= ${now}::timestamptz))
      order by next_attempt_at, id
      limit ${o.limit}
      for update skip locked
    ), claimed as (
      update outbox o set status = 'sending', attempts = o.attempts + 1, lease_until = ${leaseUntil}::timestamptz
      from due where o.id = due.id
      returning o.id, o.channel, o.recipient, o.template, o.payload, o.idempotency_key, o.attempts, due.prev_status
    ), lost as (
      insert into outbox_deliveries (message_id, attempt, started_at, duration_ms, outcome, error)
      select id, attempts - 1, ${now}::timestamptz, 0, 'lease_expired',
        'the sending process stopped before recording the outcome'
      from claimed where prev_status = 'sending'
    )
    select * from claimed`,
  );
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    template: r.template,
    payload: r.payload,
    idempotencyKey: r.idempotency_key,
    attempts: r.attempts,
    reclaimed: r.prev_status === 'sending',
  }));
}

export interface Outcome {
  status: 'sent' | 'pending' | 'dead';
  nextAttemptAt?: Date;
  error?: string;
  statusCode?: number;
  startedAt: Date;
  durationMs: number;
  finishedAt: Date;
}

/**
 * Records attempts in one statement (atomic without an explicit transaction, one round trip however
 * many): a delivery-log row for each, and each message's new state only while its dispatcher still
 * holds it (status `sending` with the same attempt number — the fencing token). The values travel
 * as ten arrays, so the statement's text is the same for any number of outcomes. Returns how many
 * messages changed state.
 */
export async function recordOutcomes(
  db: Db,
  items: ReadonlyArray<{ message: { id: string; attempts: number }; outcome: Outcome }>,
): Promise<number> {
  if (items.length === 0) return 0;
  const column = <T>(pick: (item: (typeof items)[number]) => T) => sql.param(items.map(pick));
  const rows = await queryRows<{ updated: number }>(
    db,
    sql`
    with v as (
      select * from unnest(
        ${column((i) => i.message.id)}::uuid[],
        ${column((i) => i.message.attempts)}::int[],
        ${column((i) => i.outcome.status)}::text[],
        ${column((i) => i.outcome.nextAttemptAt?.toISOString() ?? null)}::timestamptz[],
        ${column((i) => i.outcome.finishedAt.toISOString())}::timestamptz[],
        ${column((i) => i.outcome.error ?? null)}::text[],
        ${column((i) => i.outcome.startedAt.toISOString())}::timestamptz[],
        ${column((i) => i.outcome.durationMs)}::int[],
        ${column((i) => i.outcome.statusCode ?? null)}::int[]
      ) as v (id, attempt, status, next_at, finished_at, error, started_at, duration_ms, status_code)
    ), updated as (
      update outbox o set status = v.status, lease_until = null,
        next_attempt_at = coalesce(v.next_at, o.next_attempt_at),
        sent_at = case when v.status = 'sent' then v.finished_at else o.sent_at end,
        last_error = case when v.status = 'sent' then o.last_error else v.error end
      -- coalesce: the status test must not match the due index's predicate. With a backlog newer than the
      -- table's statistics, the planner took that index for 'sending' rows (estimated one) and scanned the
      -- whole backlog for each batch: 110 ms a batch under 50,000 pending messages, against 5 ms by id.
      from v where o.id = v.id and coalesce(o.status, '') = 'sending' and o.attempts = v.attempt
      returning o.id
    ), logged as (
      insert into outbox_deliveries (message_id, attempt, started_at, duration_ms, outcome, status_code, error)
      select id, attempt, started_at, duration_ms, case when status = 'pending' then 'failed' else status end,
        status_code, error
      from v
    )
    select count(*)::int as updated from updated`,
  );
  return rows[0]?.updated ?? 0;
}

export interface ListFilter {
  status?: OutboxStatus;
  channel?: OutboxChannel;
  dossierId?: string;
  after?: [string, string];
  limit: number;
}

export function listMessages(db: Db, f: ListFilter): Promise<OutboxRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (f.status) conditions.push(eq(outbox.status, f.status));
  if (f.channel) conditions.push(eq(outbox.channel, f.channel));
  if (f.dossierId) conditions.push(eq(outbox.dossierId, f.dossierId));
  if (f.after) {
    const at = new Date(f.after[0]);
    conditions.push(or(lt(outbox.createdAt, at), and(eq(outbox.createdAt, at), lt(outbox.id, f.after[1]))));
  }
  return db
    .select()
    .from(outbox)
    .where(and(...conditions))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(f.limit + 1);
}

export async function findMessage(db: Db, id: string): Promise<OutboxRow | undefined> {
  return (await db.select().from(outbox).where(eq(outbox.id, id)).limit(1))[0];
}

export function listDeliveries(db: Db, messageId: string): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(outboxDeliveries)
    .where(eq(outboxDeliveries.messageId, messageId))
    .orderBy(outboxDeliveries.id);
}

/** Makes a dead or pending message due now with a fresh attempt budget; undefined when it is not retryable. */
export async function retryNow(db: Db, id: string, now: Date): Promise<OutboxRow | undefined> {
  return (
    await db
      .update(outbox)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, leaseUntil: null })
      .where(and(eq(outbox.id, id), inArray(outbox.status, ['dead', 'pending'])))
      .returning()
  )[0];
}

export function citizenMessagesOf(db: Db, dossierId: string): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.dossierId, dossierId), inArray(outbox.channel, ['email', 'sms', 'zalo'])))
    .orderBy(outbox.createdAt, outbox.id);
}

/**
 * Deletes up to `limit` finished messages of one kind — `sent` before `before` (by delivery time), or
 * `dead` before `before` (by creation) — with their delivery log, in one statement: atomic without a
 * transaction, and short. `SKIP LOCKED` leaves a row an administrator is retrying this instant to
 * the next run, and lets two instances running the job at once take different rows.
 */
export async function deleteFinished(
  db: Db,
  o: { status: 'sent' | 'dead'; before: Date; limit: number },
): Promise<{ messages: number; deliveries: number }> {
  const before = o.before.toISOString();
  const age = o.status === 'sent' ? sql`sent_at` : sql`created_at`;
  const rows = await queryRows<{ messages: number; deliveries: number }>(
    db,
    sql`
    with doomed as (
      select id from outbox
      where status = ${o.status} and ${age} < ${before}::timestamptz
      order by ${age}
      limit ${o.limit}
      for update skip locked
    ), log as (
      delete from outbox_deliveries d using doomed where d.message_id = doomed.id returning d.id
    ), gone as (
      delete from outbox o using doomed where o.id = doomed.id returning o.id
    )
    select (select count(*) from gone)::int as messages, (select count(*) from log)::int as deliveries`,
  );
  return rows[0] ?? { messages: 0, deliveries: 0 };
}
