import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Every run of a scheduled job (architecture "Jobs"): what ran for which scheduled time, and how it ended. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    job: text('job').notNull(),
    scheduledFor: ts('scheduled_for').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
    status: text('status').notNull(),
    error: text('error'),
    detail: jsonb('detail'),
  },
  (t) => [index('job_runs_job_idx').on(t.job, t.scheduledFor)],
);

/** Due-soon and overdue alerts for the responsible staff, once per dossier, user and kind. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    userId: uuid('user_id').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    kind: text('kind').notNull(),
    dueAt: ts('due_at').notNull(),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    unique('notifications_once_key').on(t.userId, t.dossierId, t.kind),
    index('notifications_user_idx').on(t.userId, t.createdAt),
  ],
);

/** One agency's own figures (domain B4/B5 parts) for a period and window, as of an instant. */
export const statsSnapshots = pgTable(
  'stats_snapshots',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    agencyId: uuid('agency_id').notNull(),
    periodLabel: text('period_label').notNull(),
    window: text('window').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    ruleVersion: text('rule_version').notNull(),
    counts: jsonb('counts').notNull(),
    asOf: ts('as_of').notNull(),
    /** True when computed after the period ended: the figures are final. */
    complete: boolean('complete').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [unique('stats_snapshots_key').on(t.periodLabel, t.window, t.ruleVersion, t.agencyId)],
);
