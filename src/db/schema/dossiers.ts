import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';
import { procedures } from './procedures.js';
import { users } from './users.js';
import {
  APOLOGY_KINDS,
  CHANNELS,
  OPEN_STATUSES,
  CLASSIFICATIONS,
  OUTCOMES,
  PAUSE_REASONS,
  RATING_LEVELS,
  RETURN_METHODS,
  STATUSES,
  STEP_ROLES,
  SUPPLEMENT_POLICIES,
  type Applicant,
  type Budget,
  type Component,
} from '../../lib/values.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** The applicant's phone as digits and ID-card number, as the clerks' exact search compares them. */
export const PHONE_DIGITS = sql`(regexp_replace(applicant->>'phone', '[^0-9]', '', 'g'))`;
export const ID_NUMBER = sql`(applicant->>'idNumber')`;
/** The clerks' search column (migration 0018), outside the Drizzle table on purpose (see below). */
export const SEARCH_WORDS = sql`search_words`;

/** Running dossiers (open, clock not stopped): the predicate of the partial indexes the lists use. */
const RUNNING = sql.raw(`status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) and paused_since is null`);

/** A dossier (hồ sơ). `dueAt` is the legal deadline after closed pauses; an apology never moves it. */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    code: text('code').notNull().unique(),
    externalId: text('external_id').unique(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The handling agency at receipt; with transfer events it gives the handling agency at any instant (domain B4). */
    initialAgencyId: uuid('initial_agency_id')
      .notNull()
      .references(() => agencies.id),
    transferCount: integer('transfer_count').notNull().default(0),
    pauseCount: integer('pause_count').notNull().default(0),
    receivingAgencyId: uuid('receiving_agency_id')
      .notNull()
      .references(() => agencies.id),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    applicant: jsonb('applicant').$type<Applicant>().notNull(),
    applicantName: text('applicant_name').notNull(),
    phoneLast4: text('phone_last4'),
    components: jsonb('components')
      .$type<Component[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    note: text('note'),
    /** The budget and supplement policy as they were at intake. */
    budget: jsonb('budget').$type<Budget>().notNull(),
    supplementPolicy: text('supplement_policy', { enum: SUPPLEMENT_POLICIES }).notNull(),
    status: text('status', { enum: STATUSES }).notNull(),
    receivedAt: ts('received_at').notNull(),
    clockStartAt: ts('clock_start_at').notNull(),
    dueAt: ts('due_at').notNull(),
    promisedAt: ts('promised_at'),
    apologyAt: ts('apology_at'),
    apologyKind: text('apology_kind', { enum: APOLOGY_KINDS }),
    pausedSince: ts('paused_since'),
    pausedFromStatus: text('paused_from_status', { enum: STATUSES }),
    supplementCount: integer('supplement_count').notNull().default(0),
    /** The procedure step reached (1-based index into the procedure's steps). */
    currentStep: integer('current_step').notNull().default(1),
    /** The open row of the control slip (form 05), e.g. a transfer's step; null once finished (issue 13). */
    openStepSeq: integer('open_step_seq'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    finishedAt: ts('finished_at'),
    outcome: text('outcome', { enum: OUTCOMES }),
    returnedAt: ts('returned_at'),
    returnMethod: text('return_method', { enum: RETURN_METHODS }),
    withdrawnAt: ts('withdrawn_at'),
    lookupPinHash: text('lookup_pin_hash').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    // What a clerk searches by (issue 13) is the column `search_words`: a tsvector of every prefix of
    // every word of the folded name, the phone's digits and the ID number, computed by the database
    // (`motcua_search_words`, migration 0018) with its GIN index. It is not declared here so that the
    // rows the API reads do not carry it; `SEARCH_WORDS` names it for the search condition.
  },
  (t) => [
    index('dossiers_agency_received_idx').on(t.agencyId, t.receivedAt),
    index('dossiers_receiving_received_idx').on(t.receivingAgencyId, t.receivedAt),
    index('dossiers_status_due_idx').on(t.status, t.dueAt),
    index('dossiers_assignee_idx').on(t.assigneeId),
    index('dossiers_received_idx').on(t.receivedAt, t.id),
    index('dossiers_transferred_idx')
      .on(t.receivedAt)
      .where(sql`${t.transferCount} > 0`),
    // A whole phone or ID-card number typed by a clerk is an exact match (issue 13): B-tree, not words.
    index('dossiers_phone_digits_idx').on(PHONE_DIGITS),
    index('dossiers_id_number_idx').on(ID_NUMBER),
    // Issue 9 item 8: the overdue and due-soon lists over a whole province read running dossiers only.
    index('dossiers_running_received_idx').on(t.receivedAt, t.id).where(RUNNING),
    index('dossiers_running_due_idx').on(t.dueAt).where(RUNNING),
    // Issue 13: apologies of a period, per agency, by kind.
    index('dossiers_apology_at_idx')
      .on(t.apologyAt)
      .where(sql`apology_at is not null`),
  ],
);

/** Append-only history of every change (the database refuses UPDATE and DELETE: see migration 0004). */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    fromStatus: text('from_status', { enum: STATUSES }),
    toStatus: text('to_status', { enum: STATUSES }),
    data: jsonb('data')
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [unique('dossier_events_dossier_seq_key').on(t.dossierId, t.seq)],
);

/** The process control slip (form 05): one row per step and handover. */
export const dossierSteps = pgTable(
  'dossier_steps',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: STEP_ROLES }).notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    assigneeId: uuid('assignee_id'),
    startedAt: ts('started_at').notNull(),
    dueAt: ts('due_at').notNull(),
    finishedAt: ts('finished_at'),
    classification: text('classification', { enum: CLASSIFICATIONS }),
    /** Office time the step took, measured by the agency's calendar when it finished (for "where the time went"). */
    workingMs: bigint('working_ms', { mode: 'number' }),
    finishedBy: uuid('finished_by'),
    note: text('note'),
  },
  (t) => [index('dossier_steps_dossier_idx').on(t.dossierId, t.seq)],
);

/** Pause ledger (domain B2): waiting for a supplement, a financial obligation, or a legal suspension. */
export const dossierPauses = pgTable(
  'dossier_pauses',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    reason: text('reason', { enum: PAUSE_REASONS }).notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    /** The deadline when the pause began: the deadline "as it stood" at any instant before it closed (domain B4). */
    dueBefore: ts('due_before').notNull(),
    actorId: uuid('actor_id'),
  },
  (t) => [index('dossier_pauses_dossier_idx').on(t.dossierId, t.startedAt)],
);

/** Gapless daily sequence per agency for dossier codes (domain B6). */
export const dailyCounters = pgTable(
  'daily_counters',
  {
    agencyId: uuid('agency_id').notNull(),
    day: date('day').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Refusals at the counter (form 03): no dossier, no code. */
export const refusals = pgTable(
  'refusals',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    applicant: jsonb('applicant').$type<Applicant>().notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    actorId: uuid('actor_id').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    // Issue 13: refusals are counted per agency and period next to II.06a.
    index('refusals_agency_at_idx').on(t.agencyId, t.at),
  ],
);

export const ratings = pgTable('ratings', {
  dossierId: uuid('dossier_id')
    .primaryKey()
    .references(() => dossiers.id),
  level: text('level', { enum: RATING_LEVELS }).notNull(),
  comment: text('comment'),
  at: ts('at').notNull(),
});
