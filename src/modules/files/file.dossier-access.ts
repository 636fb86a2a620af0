import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { dossierFiles, dossiers } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../auth/roles.js';
import type { FileAttachBody, FileRemoveBody } from '../dossiers/dossier.schemas.js';
import type { DossierService } from '../dossiers/dossier.service.js';
import { staffMayAct } from '../dossiers/dossier.transitions.js';
import { relationsOf } from '../dossiers/dossier.write.js';
import type { FileKind } from './file.schemas.js';

/** What the files module needs to know about a dossier. */
export interface DossierFacts {
  id: string;
  status: string;
  agencyId: string;
  receivingAgencyId: string;
  applicantIdNumber: string | null;
  components: Array<{ name: string; copies?: number | undefined }>;
  returnedAt: Date | null;
}

/** Who acts on a file: a staff member at work, or the importer replaying history. */
export type FileActor = { kind: 'staff'; actor: Actor } | { kind: 'import'; actor: Actor };

/**
 * The files module's only door into the dossier module (owned by the lead). Every change of a
 * dossier goes through its write path (`fileCommand` → `execute`): lock, access matrix, transition
 * table, handler, version, event `file_attached` / `file_removed`, listeners — in the caller's transaction.
 */
export interface DossierAccess {
  /** The dossier when the actor may see it; AppError DOSSIER_NOT_FOUND (404) otherwise. */
  visible(actor: Actor, id: string): Promise<DossierFacts>;
  /** The same, with a value computed from the row (`dossiers.id`) in the same read. */
  visibleWith<T>(actor: Actor, id: string, extra: SQL<T>): Promise<{ facts: DossierFacts; extra: T }>;
  /** Whether the access matrix lets the actor attach a file of some kind (checked before reading a body). */
  mayAttachAny(actor: Actor, d: DossierFacts): boolean;
  /** Records the attachment through the write path; answers what the dossier side decided. */
  attach(
    tx: Tx,
    by: FileActor,
    dossierId: string,
    kind: FileKind,
    body: FileAttachBody,
    at: Date,
  ): Promise<{ stepSeq: number | null; digitized: boolean; facts: DossierFacts }>;
  /** Records the removal through the write path (refused unless the step that added it is open). */
  remove(tx: Tx, actor: Actor, dossierId: string, body: FileRemoveBody, at: Date): Promise<void>;
  /** The dossier whose code and lookup PIN match (the public factor of domain B6), else undefined. */
  byCodeAndPin(code: string, pin: string): Promise<{ id: string; status: string; finishedAt: Date | null } | undefined>;
}

function factsOf(d: {
  id: string;
  status: string;
  agencyId: string;
  receivingAgencyId: string;
  applicant: unknown;
  components: DossierFacts['components'] | null;
  returnedAt: Date | null;
}): DossierFacts {
  const idNumber = (d.applicant as { idNumber?: unknown } | null)?.idNumber;
  return {
    id: d.id,
    status: d.status,
    agencyId: d.agencyId,
    receivingAgencyId: d.receivingAgencyId,
    applicantIdNumber: typeof idNumber === 'string' && idNumber.trim() !== '' ? idNumber.trim() : null,
    components: d.components ?? [],
    returnedAt: d.returnedAt,
  };
}

export function createDossierAccess(
  service: Pick<DossierService, 'fileCommand' | 'visibleRow' | 'visibleRowWith' | 'byCodeAndPin'>,
): DossierAccess {
  return {
    async visible(actor, id) {
      // The dossier module's own scope query (one read; `services.dossiers.get` also reads steps, pauses
      // and the calendar, a third of a small upload's time): outside → 404.
      const d = await service.visibleRow(actor, id);
      if (!d) throw new AppError('DOSSIER_NOT_FOUND');
      return factsOf(d);
    },
    async visibleWith(actor, id, extra) {
      const found = await service.visibleRowWith(actor, id, extra);
      if (!found) throw new AppError('DOSSIER_NOT_FOUND');
      return { facts: factsOf(found.row), extra: found.extra };
    },
    mayAttachAny(actor, d) {
      const relations = relationsOf(actor.agencyId, d);
      return (
        staffMayAct('attach-component', actor.roles, relations) || staffMayAct('attach-result', actor.roles, relations)
      );
    },
    async attach(tx, by, dossierId, kind, body, at) {
      const action = kind === 'component' ? 'attach-component' : 'attach-result';
      const { dossier, result } = await service.fileCommand(tx, { dossierId, action, body, by, at });
      return {
        stepSeq: (result?.stepSeq as number | null | undefined) ?? null,
        digitized: result?.digitized === true,
        facts: factsOf(dossier),
      };
    },
    async remove(tx, actor, dossierId, body, at) {
      const action = body.kind === 'component' ? 'remove-component' : 'remove-result';
      await service.fileCommand(tx, { dossierId, action, body, by: { kind: 'staff', actor }, at });
    },
    // The same code-wide limits as the lookup (dossiers/lookup-guard.ts).
    byCodeAndPin: (code, pin) => service.byCodeAndPin(code, pin),
  };
}

/**
 * A live file with this content in a dossier of the same applicant (same idNumber): what a
 * component may reuse instead of a second upload (Decision 766 reuse of digitised documents). Read only.
 */
export async function findReusable(
  db: Db,
  idNumber: string,
  sha256: string,
): Promise<typeof dossierFiles.$inferSelect | undefined> {
  return (
    await db
      .select({ f: dossierFiles })
      .from(dossierFiles)
      .innerJoin(dossiers, eq(dossiers.id, dossierFiles.dossierId))
      .where(
        and(
          eq(dossierFiles.sha256, sha256),
          isNull(dossierFiles.deletedAt),
          eq(dossierFiles.imported, false),
          sql`btrim(${dossiers.applicant}->>'idNumber') = ${idNumber}`,
        ),
      )
      .orderBy(dossierFiles.createdAt)
      .limit(1)
  )[0]?.f;
}
