import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agencies } from './agencies.js';
import { BUDGET_UNITS, SUPPLEMENT_POLICIES, type ProcedureStep } from '../../lib/values.js';

/** Procedure catalogue (thủ tục hành chính) with its processing time (domain B2). */
export const procedures = pgTable(
  'procedures',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    field: text('field').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    budgetValue: numeric('budget_value', { mode: 'number' }).notNull(),
    budgetUnit: text('budget_unit', { enum: BUDGET_UNITS }).notNull(),
    cutoff: text('cutoff'),
    supplementPolicy: text('supplement_policy', { enum: SUPPLEMENT_POLICIES }).notNull().default('pause'),
    /** Ordered steps: [{ name, role, budget: { value, unit } }]. */
    steps: jsonb('steps').$type<ProcedureStep[]>().notNull(),
    fee: integer('fee'),
    requiresResultDocument: boolean('requires_result_document').notNull().default(true),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('procedures_field_idx').on(t.field), index('procedures_agency_idx').on(t.agencyId)],
);
