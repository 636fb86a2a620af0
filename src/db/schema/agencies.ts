import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { AGENCY_LEVELS, type CalendarSettings } from '../../lib/values.js';

/** Agency catalogue (cơ quan). `parentId` and `name` are the current values; history is in agency_versions. */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    name: text('name').notNull(),
    electronicId: text('electronic_id').notNull().unique(),
    level: text('level', { enum: AGENCY_LEVELS }).notNull(),
    /** Own working calendar (time zone, weekdays, office windows); null = inherit the parent's. */
    calendar: jsonb('calendar').$type<CalendarSettings>(),
    active: boolean('active').notNull().default(true),
    activeFrom: date('active_from').notNull(),
    activeTo: date('active_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agencies_parent_idx').on(t.parentId)],
);

/**
 * Effective-dated history of an agency's name, parent, level and activity: agencies were merged and
 * re-parented in 2025 (domain A1), and old dossiers must still show the agency as it was.
 */
export const agencyVersions = pgTable(
  'agency_versions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    level: text('level', { enum: AGENCY_LEVELS }).notNull(),
    active: boolean('active').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agency_versions_agency_idx').on(t.agencyId, t.validFrom)],
);
