import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from './dossiers.js';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A file attached to a dossier: a scan or electronic copy of a declared component (thành phần hồ sơ),
 * or the result (kết quả). The content lives in the file store under its SHA-256; a row exists only
 * once the content is complete in the store (a crash mid-upload leaves no row).
 */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** `component` | `result`. */
    kind: text('kind', { enum: ['component', 'result'] }).notNull(),
    /** Index into the dossier's `components` array; null for a result. */
    componentIndex: integer('component_index'),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    note: text('note'),
    /** The step open when the file was added (seq in dossier_steps); null when none was open (after the decision). */
    stepSeq: integer('step_seq'),
    /** Attached at intake by the receiving unit (Decision 766 digitisation, see docs/digitization.md). */
    digitized: boolean('digitized').notNull().default(false),
    /** Refers to content already in the system for the same applicant: no second copy stored. */
    reused: boolean('reused').notNull().default(false),
    reusedFromId: uuid('reused_from_id'),
    /** A historical reference from the import: the content itself is not in the store. */
    imported: boolean('imported').notNull().default(false),
    agencyId: uuid('agency_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    deletedAt: ts('deleted_at'),
    deletedBy: uuid('deleted_by'),
  },
  (t) => [
    index('dossier_files_dossier_idx').on(t.dossierId, t.createdAt),
    index('dossier_files_sha256_idx').on(t.sha256),
  ],
);
