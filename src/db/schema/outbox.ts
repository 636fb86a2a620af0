import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from './dossiers.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Channels a message can leave by; value list shared by schema, types and validation. */
export const OUTBOX_CHANNELS = ['email', 'sms', 'zalo', 'portal'] as const;
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead'] as const;

/**
 * Transactional outbox: every message to a citizen or to the national portal is written in the
 * same transaction as the dossier event that caused it, then delivered by the dispatcher
 * (at least once, with a stable idempotency key the provider can deduplicate on).
 */
export const outbox = pgTable(
  'outbox',
  {
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
    idempotencyKey: text('idempotency_key').notNull().unique(),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
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
    index('outbox_dossier_idx').on(t.dossierId, t.createdAt),
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
