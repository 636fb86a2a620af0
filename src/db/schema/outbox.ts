import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Channels a message can leave by; value list shared by schema, types and validation. */
export const OUTBOX_CHANNELS = ['email', 'sms', 'zalo', 'portal'] as const;
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/**
 * Transactional outbox: every message to a citizen or to the national portal is written in the
 * same transaction as the dossier event that caused it, then delivered by the dispatcher
 * (at least once, with a stable idempotency key the provider can deduplicate on).
 *
 * Written at the cost of every intake (issue 12: < 10 % of its throughput), so each row carries few index
 * entries (migration 0021):
 * - its id is a UUIDv7 made by the writer: the primary key grows at its right edge instead of taking a
 *   random page of it for every row;
 * - one unique index serves both the event's dedup and the dossier's messages; dossier ids are UUIDv7
 *   too (lib/uuid7.ts), so it grows at its right edge as well;
 * - `dossier_id` has no foreign key: the write path writes a message only in the transaction of its
 *   dossier's event, and no dossier is deleted.
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
    /**
     * The rendered message, exactly as sent on every attempt (the portal signature stays stable). Written at
     * intake with `code_placeholder` where the dossier's code goes; the first claim puts the code in.
     */
    payload: jsonb('payload').notNull(),
    /**
     * At intake the dossier's code is taken last, after the messages are written (domain B6, docs/write-path.md):
     * the placeholder the payload holds in its stead. The dispatcher's first claim replaces it by the code and
     * clears this; null for every message written after the code was known.
     */
    codePlaceholder: text('code_placeholder'),
    /**
     * `<dossier id>:<event seq>:<channel>` from the write path (outbox.plan.ts), so unique as those three
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
