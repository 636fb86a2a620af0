import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Channels a message can leave by; value list shared by schema, types and validation. */
export const OUTBOX_CHANNELS = ['email', 'sms', 'zalo', 'portal'] as const;
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/**
 * Transactional outbox: what every event owes a citizen or the national portal is written in the same
 * transaction as the event (`outbox_events` below, one row per event), planned into one message per
 * channel here by the dispatcher's planning round, then delivered (at least once, with a stable
 * idempotency key the provider can deduplicate on).
 *
 * Each row carries few index entries (migration 0021):
 * - its id is a UUIDv7 made by the writer: the primary key grows at its right edge instead of taking a
 *   random page of it for every row;
 * - one unique index serves both the event's dedup and the dossier's messages; dossier ids are UUIDv7
 *   too (lib/uuid7.ts), so it grows at its right edge as well;
 * - `dossier_id` has no foreign key: a message is written only for an event of its dossier, and no
 *   dossier is deleted.
 */
export const outbox = pgTable(
  'outbox',
  {
    /** A UUIDv7 from `messagesInsert`; the default serves rows written by hand. */
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull(),
    /** E-mail address, phone number, or `portal`. Personal data: never logged, masked in admin lists. */
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    /** The rendered message, exactly as sent on every attempt (the portal signature stays stable). */
    payload: jsonb('payload').notNull(),
    /**
     * `<dossier id>:<event seq>:<channel>` from the planner (outbox.plan.ts), so unique as those three
     * are; a row without dossier or event has its key's own unique index.
     */
    idempotencyKey: text('idempotency_key').notNull(),
    dossierId: uuid('dossier_id'),
    eventSeq: integer('event_seq'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    /** While `sending`: after this instant another dispatcher may take the message again (killed sender). */
    leaseUntil: ts('lease_until'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    // One message per event and channel (planning an event again adds nothing); the dossier's messages.
    uniqueIndex('outbox_event_channel_unique').on(t.dossierId, t.eventSeq, t.channel),
    // A row without its event (written by hand; none from the write path): its key is unique on its own.
    uniqueIndex('outbox_key_without_event_unique')
      .on(t.idempotencyKey)
      .where(sql`${t.dossierId} is null or ${t.eventSeq} is null`),
    index('outbox_created_idx').on(t.createdAt, t.id),
    // The retention job deletes the oldest delivered messages first (outbox.repository `deleteFinished`).
    index('outbox_sent_idx')
      .on(t.sentAt)
      .where(sql`${t.status} = 'sent'`),
  ],
);

/** The delivery log: one row per attempt, whatever its outcome. */
export const outboxDeliveries = pgTable(
  'outbox_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    startedAt: ts('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** sent | failed (will retry) | dead (gave up) | lease_expired (the sender stopped mid-attempt). */
    outcome: text('outcome').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [index('outbox_deliveries_message_idx').on(t.messageId, t.id)],
);

/**
 * Events whose messages are still to be planned (migration 0022). The write path writes one row per
 * event that tells someone something, in the event's transaction: the event and the dossier as the event
 * left it, nothing rendered. The dispatcher's planning round (outbox.service `planPending`) renders its
 * messages into `outbox`, with the dossier's code, and deletes the row, in one transaction. So an intake
 * writes one row with one index entry here, instead of a row per message with four entries each and
 * their rendered texts (issue 12: the cost to intake's throughput).
 */
export const outboxEvents = pgTable('outbox_events', {
  /** A UUIDv7 from the writer: planned oldest first, and the key grows at its right edge. */
  id: uuid('id').primaryKey(),
  dossierId: uuid('dossier_id').notNull(),
  eventSeq: integer('event_seq').notNull(),
  /** outbox.types `EventContext`: the channels owed, the event and the dossier's state after it, without its code. */
  context: jsonb('context').notNull(),
  createdAt: ts('created_at').notNull(),
  /** Failed planning rounds (none for nearly every row: its procedure or agency could not be read, or a bug). */
  attempts: integer('attempts').notNull().default(0),
  /** After a failed planning, not before this instant (the dispatcher's backoff); null: at once. */
  nextAttemptAt: ts('next_attempt_at'),
  lastError: text('last_error'),
});
