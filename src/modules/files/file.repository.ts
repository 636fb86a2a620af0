import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { dossierFiles, dossiers } from '../../db/schema/index.js';
import type { DigitizationCounts } from '../stats/index-rules.js';

export type FileRow = typeof dossierFiles.$inferSelect;
export type NewFile = typeof dossierFiles.$inferInsert;

const live = (dossierId: string) => and(eq(dossierFiles.dossierId, dossierId), isNull(dossierFiles.deletedAt));

export async function insertFile(db: Db, row: NewFile): Promise<FileRow> {
  return (await db.insert(dossierFiles).values(row).returning())[0]!;
}

/** A new uploaded (or reused) file; the columns an upload never sets keep their defaults. */
export type UploadedFile = Omit<FileRow, 'imported' | 'deletedAt' | 'deletedBy'>;

/**
 * In one statement: takes the content lock (`lockContent`), then inserts the file unless the
 * dossier's live files would exceed `maxBytes` (null: no check, a reuse takes no new space); the row,
 * or undefined when refused. The caller holds the dossier's row lock, so the sum cannot move meanwhile;
 * the content lock is held to the end of the transaction, so the content can be put after this.
 */
export async function insertFileWithin(
  db: Db,
  maxBytes: number | null,
  row: UploadedFile,
): Promise<FileRow | undefined> {
  const room =
    maxBytes === null
      ? sql``
      : sql`where (select coalesce(sum(f.size), 0) from dossier_files f where f.dossier_id = ${row.dossierId}::uuid
          and f.deleted_at is null and not f.reused and not f.imported) + ${row.size}::bigint <= ${maxBytes}::bigint`;
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`with content_lock as (select pg_advisory_xact_lock(hashtextextended(${`file:${row.sha256}`}, 0)))
    insert into dossier_files (id, dossier_id, kind, component_index, name, content_type, size, sha256, note,
      step_seq, digitized, reused, reused_from_id, agency_id, created_by, created_at)
    select ${row.id}::uuid, ${row.dossierId}::uuid, ${row.kind}, ${row.componentIndex}::int, ${row.name},
      ${row.contentType}, ${row.size}::bigint, ${row.sha256}, ${row.note}, ${row.stepSeq}::int, ${row.digitized},
      ${row.reused}, ${row.reusedFromId}::uuid, ${row.agencyId}::uuid, ${row.createdBy}::uuid,
      ${row.createdAt.toISOString()}::timestamptz
    from content_lock ${room}
    returning id`,
  );
  return inserted.length === 1 ? { ...row, imported: false, deletedAt: null, deletedBy: null } : undefined;
}

export function listLive(db: Db, dossierId: string): Promise<FileRow[]> {
  return db
    .select()
    .from(dossierFiles)
    .where(live(dossierId))
    .orderBy(asc(dossierFiles.createdAt), asc(dossierFiles.id));
}

export async function findLive(db: Db, dossierId: string, fileId: string): Promise<FileRow | undefined> {
  return (
    await db
      .select()
      .from(dossierFiles)
      .where(and(live(dossierId), eq(dossierFiles.id, fileId)))
      .limit(1)
  )[0];
}

/**
 * Bytes the live files of the dossier row being read take (a reused file takes no new space and does
 * not count), as a column of a read of `dossiers` (`DossierAccess.visibleWith`).
 */
export const usedBytesOfRow: SQL<number> = sql`(select coalesce(sum(f.size), 0) from dossier_files f
  where f.dossier_id = ${dossiers.id} and f.deleted_at is null and not f.reused and not f.imported)`.mapWith(Number);

export async function markDeleted(db: Db, fileId: string, by: string, at: Date): Promise<void> {
  await db.update(dossierFiles).set({ deletedAt: at, deletedBy: by }).where(eq(dossierFiles.id, fileId));
}

/** Live rows of any dossier that need the stored content `sha256`. */
export async function liveReferences(db: Db, sha256: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(dossierFiles)
    .where(and(eq(dossierFiles.sha256, sha256), isNull(dossierFiles.deletedAt), eq(dossierFiles.imported, false)));
  return Number(rows[0]?.n ?? 0);
}

/** Serialises writers of one content (upload vs. removal of the last reference) until the transaction ends. */
export async function lockContent(db: Db, sha256: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`file:${sha256}`}, 0))`);
}

export async function latestResult(db: Db, dossierId: string): Promise<FileRow | undefined> {
  return (
    await db
      .select()
      .from(dossierFiles)
      .where(and(live(dossierId), eq(dossierFiles.kind, 'result'), eq(dossierFiles.imported, false)))
      .orderBy(desc(dossierFiles.createdAt))
      .limit(1)
  )[0];
}

/**
 * Digitisation counts per agency for [S, E) (docs/digitization.md). Intake figures belong to the
 * agency that handled the dossier at receipt; result figures to the one that decided it.
 */
export async function digitizationCounts(
  db: Db,
  q: { start: Date; end: Date; agencyIds?: string[] | undefined },
): Promise<Map<string, DigitizationCounts>> {
  const out = new Map<string, DigitizationCounts>();
  if (q.agencyIds?.length === 0) return out;
  const s = q.start.toISOString();
  const e = q.end.toISOString();
  // No agencies named: every agency (the nightly snapshots).
  const among = (column: SQL) =>
    q.agencyIds
      ? sql`and ${column} in (${sql.join(
          q.agencyIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql``;
  const intake = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select d.initial_agency_id as agency_id, count(*) as received,
      count(*) filter (where jsonb_array_length(d.components) > 0 and c.digitized = jsonb_array_length(d.components)) as digitized,
      coalesce(sum(c.with_file), 0) as with_file, coalesce(sum(c.reused), 0) as reused
    from dossiers d
    -- The files of the period's dossiers counted per dossier once and hash-joined (issue 14: three
    -- subqueries per dossier made the nightly run's year periods probe the files index 15 M times).
    left join (
      select f.dossier_id,
        count(distinct f.component_index) filter (where f.digitized and f.component_index < jsonb_array_length(x.components)) as digitized,
        count(distinct f.component_index) as with_file,
        count(distinct f.component_index) filter (where f.reused) as reused
      from dossier_files f join dossiers x on x.id = f.dossier_id
      where f.kind = 'component' and f.deleted_at is null
        and x.received_at >= ${s}::timestamptz and x.received_at < ${e}::timestamptz ${among(sql`x.initial_agency_id`)}
      group by f.dossier_id
    ) c on c.dossier_id = d.id
    where d.received_at >= ${s}::timestamptz and d.received_at < ${e}::timestamptz ${among(sql`d.initial_agency_id`)}
    group by d.initial_agency_id`,
  );
  const results = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select d.agency_id, count(*) as decided,
      count(*) filter (where exists (select 1 from dossier_files f where f.dossier_id = d.id and f.kind = 'result'
        and f.deleted_at is null and f.created_at <= coalesce(d.returned_at, 'infinity'::timestamptz))) as electronic
    from dossiers d
    where d.finished_at >= ${s}::timestamptz and d.finished_at < ${e}::timestamptz ${among(sql`d.agency_id`)}
    group by d.agency_id`,
  );
  const row = (id: string) => {
    let r = out.get(id);
    if (!r) {
      r = { received: 0, digitized: 0, decided: 0, electronicResult: 0, componentsWithFile: 0, componentsReused: 0 };
      out.set(id, r);
    }
    return r;
  };
  for (const r of intake) {
    Object.assign(row(r.agency_id as string), {
      received: Number(r.received),
      digitized: Number(r.digitized),
      componentsWithFile: Number(r.with_file),
      componentsReused: Number(r.reused),
    });
  }
  for (const r of results)
    Object.assign(row(r.agency_id as string), { decided: Number(r.decided), electronicResult: Number(r.electronic) });
  return out;
}
