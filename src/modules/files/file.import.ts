import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../auth/roles.js';
import type { DossierAccess } from './file.dossier-access.js';
import { insertFile } from './file.repository.js';
import { importedFileRefsSchema, type ImportedFileRef } from './file.schemas.js';

export { importedFileRefsSchema, type ImportedFileRef };

export type RecordImportedFiles = (tx: Tx, dossierId: string, refs: unknown[], actor: Actor) => Promise<void>;

type CheckedRef = ImportedFileRef & { atIntake: boolean; reused: boolean };

/**
 * The refs of one historical dossier, checked and converted; AppError VALIDATION_FAILED with paths
 * `files.<i>.<field>` otherwise (the import prefixes the item, so one bad ref fails only its item).
 */
export function checkImportedRefs(refs: unknown[]): CheckedRef[] {
  const { value, error } = importedFileRefsSchema.validate(refs, { abortEarly: false, convert: true });
  if (error) {
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      error.details.map((e) => ({ path: ['files', ...e.path].join('.'), type: e.type, message: e.message })),
    );
  }
  return value as CheckedRef[];
}

/**
 * Records the files of a historical dossier by reference (hash, size, type; no content), so the
 * digitisation figures of past periods can be computed. Runs in the import's transaction, each
 * reference through the write path as the importer (`attach-component` / `attach-result`, event
 * `file_attached` stamped with the original `attachedAt`). The import use case calls it once per
 * reference at its place in the replayed history (after the events at or before its `attachedAt`).
 */
export function importedFilesRecorder(access: DossierAccess): RecordImportedFiles {
  return async (tx, dossierId, refs, actor) => {
    for (const ref of checkImportedRefs(refs)) {
      const at = new Date(ref.attachedAt);
      const componentIndex = ref.kind === 'component' ? ref.componentIndex! : null;
      const fileId = randomUUID();
      const { digitized } = await access.attach(
        tx,
        { kind: 'import', actor },
        dossierId,
        ref.kind,
        {
          fileId,
          componentIndex,
          contentType: ref.contentType,
          size: ref.size,
          sha256: ref.sha256,
          reused: ref.reused,
          imported: true,
          atIntake: ref.atIntake,
          attachedAt: ref.attachedAt,
        },
        at,
      );
      await insertFile(tx, {
        id: fileId,
        dossierId,
        kind: ref.kind,
        componentIndex,
        name: ref.name,
        contentType: ref.contentType,
        size: ref.size,
        sha256: ref.sha256,
        stepSeq: null,
        digitized,
        reused: ref.reused,
        imported: true,
        agencyId: actor.agencyId,
        createdBy: actor.userId,
        createdAt: at,
      });
    }
  };
}

/** What the dossiers module's import is handed when services are composed (src/app.ts). */
export function importedFiles(access: DossierAccess) {
  return {
    check: (refs: unknown[]) =>
      checkImportedRefs(refs).map((r) => ({ kind: r.kind, attachedAt: new Date(r.attachedAt) })),
    record: importedFilesRecorder(access),
  };
}
