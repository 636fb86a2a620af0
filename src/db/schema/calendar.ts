import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';

/**
 * Official schedule of a year (domain B1): extra days off and extra working days (swapped
 * Saturdays), nationally (agency_id null) or for one agency and its subtree.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    agencyId: uuid('agency_id').references(() => agencies.id),
    year: integer('year').notNull(),
    date: date('date').notNull(),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('calendar_overrides_scope_date_key').on(t.agencyId, t.date).nullsNotDistinct(),
    index('calendar_overrides_year_idx').on(t.year),
  ],
);
