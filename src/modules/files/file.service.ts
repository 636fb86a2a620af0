import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Request, Response } from 'express';
import type Joi from 'joi';
import type { Clock } from '../../clock.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../auth/roles.js';
import { instantFormatter } from '../../lib/dates.js';
import type { FilesConfig } from './file.config.js';
import { findReusable, type DossierAccess, type DossierFacts } from './file.dossier-access.js';
import { sendFile } from './file.download.js';
import { importedFiles, importedFilesRecorder } from './file.import.js';
import * as repo from './file.repository.js';
import type { VirusScan } from './file.scan.js';
import { uploadFieldsSchema, type AttachFields, type FileKind } from './file.schemas.js';
import { sweepTempFiles, tempDirOf, type FileStore } from './file.store.js';
import { sweepOrphans } from './file.sweep.js';
import { detectAllowedType, receiveMultipart, type ReceivedFile } from './file.upload.js';

type Content = Omit<ReceivedFile, 'tempPath' | 'head'> & { contentType: string };

/** Temp files older than this are leftovers of a killed process (see sweepTempFiles). */
const TEMP_MAX_AGE_MS = 60 * 60_000;

export interface FileDeps {
  clock: Clock;
  timeZone: string;
  config: FilesConfig;
  store: FileStore;
  access: DossierAccess;
  scan?: VirusScan | undefined;
}

export type FileService = ReturnType<typeof createFileService>;

function parseFields(raw: Record<string, string>, schema: Joi.ObjectSchema): AttachFields {
  const { value, error } = schema.validate(raw, { abortEarly: false, convert: true });
  if (error) {
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      error.details.map((e) => ({ path: ['body', ...e.path].join('.'), type: e.type, message: e.message })),
    );
  }
  return value as AttachFields;
}

export function createFileService(db: Db, deps: FileDeps) {
  const { store, access, config, clock } = deps;
  const iso = instantFormatter(deps.timeZone);
  const tempDir = tempDirOf(config.dir);
  void sweepTempFiles(config.dir, TEMP_MAX_AGE_MS, clock.now().getTime()).catch(() => undefined);

  const present = (f: repo.FileRow, d?: DossierFacts) => ({
    id: f.id,
    dossierId: f.dossierId,
    kind: f.kind,
    componentIndex: f.componentIndex,
    componentName: f.componentIndex === null ? null : (d?.components[f.componentIndex]?.name ?? null),
    name: f.name,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    note: f.note,
    stepSeq: f.stepSeq,
    digitized: f.digitized,
    reused: f.reused,
    reusedFromId: f.reusedFromId,
    imported: f.imported,
    createdBy: f.createdBy,
    createdAt: iso(f.createdAt),
  });

  /**
   * Records the file and its event in one transaction: the write path locks the dossier, checks the
   * access matrix and the state, and appends `file_attached`; the per-dossier limit is checked again
   * under that lock, so concurrent uploads cannot pass it together. Any refusal rolls back both.
   */
  async function record(
    actor: Actor,
    dossierId: string,
    fields: AttachFields,
    content: Content,
    reuse?: repo.FileRow,
    tempPath?: string,
  ) {
    const at = clock.now();
    const id = randomUUID();
    const componentIndex = fields.kind === 'component' ? fields.componentIndex! : null;
    return db.transaction(async (tx) => {
      const { stepSeq, digitized, facts } = await access.attach(
        tx,
        { kind: 'staff', actor },
        dossierId,
        fields.kind,
        {
          fileId: id,
          componentIndex,
          contentType: content.contentType,
          size: content.size,
          sha256: content.sha256,
          reused: reuse !== undefined,
        },
        at,
      );
      // The per-dossier total, checked again under the dossier's lock: concurrent uploads cannot pass it
      // together. The same statement takes the content lock.
      const row = await repo.insertFileWithin(tx, reuse ? null : config.maxDossierBytes, {
        id,
        dossierId,
        kind: fields.kind,
        componentIndex,
        name: content.name,
        contentType: content.contentType,
        size: content.size,
        sha256: content.sha256,
        note: fields.note ?? null,
        stepSeq,
        digitized,
        reused: reuse !== undefined,
        reusedFromId: reuse?.id ?? null,
        agencyId: actor.agencyId,
        createdBy: actor.userId,
        createdAt: at,
      });
      if (!row) throw new AppError('DOSSIER_FILES_TOO_LARGE', { limit: config.maxDossierBytes });
      // Under the content lock, before the commit: a removal of the last reference may have deleted the
      // content since an earlier upload put it, so it is put again (idempotent; a hard link for the local
      // store). A failure here rolls the row back.
      if (tempPath) await store.put(content.sha256, tempPath, content.size);
      return present(row, facts);
    });
  }

  /** The content goes when no live row needs it any more; the lock orders this against a new upload of it. */
  async function dropIfUnreferenced(sha256: string): Promise<void> {
    await db.transaction(async (tx) => {
      await repo.lockContent(tx, sha256);
      if ((await repo.liveReferences(tx, sha256)) === 0) await store.delete(sha256);
    });
  }

  return {
    /** A multipart upload, streamed to a temp file, checked by content, stored, then recorded. */
    async upload(actor: Actor, dossierId: string, req: Request, res: Response) {
      // One read: the scope check and the room left (re-checked under the lock when recording).
      const { facts: d, extra: used } = await access.visibleWith(actor, dossierId, repo.usedBytesOfRow);
      // The access matrix refuses before a byte of the body is read; the kind is checked by the write path.
      if (!access.mayAttachAny(actor, d)) throw new AppError('ACTION_FORBIDDEN', { action: 'attach-component' });
      const room = Math.min(config.maxFileBytes, config.maxDossierBytes - used);
      const tooLarge =
        room < config.maxFileBytes
          ? new AppError('DOSSIER_FILES_TOO_LARGE', { limit: config.maxDossierBytes })
          : new AppError('FILE_TOO_LARGE', { limit: config.maxFileBytes });
      if (room <= 0) {
        res.setHeader('Connection', 'close');
        throw tooLarge;
      }
      let received;
      try {
        received = await receiveMultipart(req, tempDir, room);
      } catch (error) {
        // The rest of the body is not read: close the connection after the answer.
        res.setHeader('Connection', 'close');
        // A 413 of the parser is the per-file limit; say which limit the room came from.
        throw error instanceof AppError && error.status === 413 ? tooLarge : error;
      }
      const { file } = received;
      try {
        const fields = parseFields(received.fields, uploadFieldsSchema);
        if (file && fields.reuseSha256)
          throw new AppError('VALIDATION_FAILED', {}, [
            { path: 'body.reuseSha256', type: 'object.xor', message: 'a file or reuseSha256' },
          ]);
        if (!file) {
          if (!fields.reuseSha256) throw new AppError('FILE_REQUIRED');
          return await this.reuse(actor, dossierId, fields);
        }
        const contentType = await detectAllowedType(file.tempPath, file.head);
        await deps.scan?.(file.tempPath, file.size);
        try {
          return await record(
            actor,
            dossierId,
            fields,
            { name: file.name, size: file.size, sha256: file.sha256, contentType },
            undefined,
            file.tempPath,
          );
        } catch (error) {
          // Refused by the write path (access matrix, state, limits): content put for it must not stay unreferenced.
          await dropIfUnreferenced(file.sha256);
          throw error;
        }
      } finally {
        if (file) await rm(file.tempPath, { force: true });
      }
    },

    /** A component that refers to content already in the system for the same applicant: no second copy. */
    async reuse(actor: Actor, dossierId: string, fields: AttachFields) {
      const d = await access.visible(actor, dossierId);
      const source = d.applicantIdNumber ? await findReusable(db, d.applicantIdNumber, fields.reuseSha256!) : undefined;
      if (!source) throw new AppError('FILE_REUSE_NOT_FOUND');
      return record(
        actor,
        dossierId,
        fields,
        { name: source.name, size: source.size, sha256: source.sha256, contentType: source.contentType },
        source,
      );
    },

    async list(actor: Actor, dossierId: string) {
      const d = await access.visible(actor, dossierId);
      const files = await repo.listLive(db, dossierId);
      const components = d.components.map((c, index) => {
        const mine = files.filter((f) => f.kind === 'component' && f.componentIndex === index);
        return {
          index,
          name: c.name,
          files: mine.length,
          digitized: mine.some((f) => f.digitized),
          reused: mine.some((f) => f.reused),
        };
      });
      const results = files.filter((f) => f.kind === 'result');
      return {
        items: files.map((f) => present(f, d)),
        digitization: {
          components,
          allComponentsDigitized: components.length > 0 && components.every((c) => c.digitized),
          electronicResult: results.some((f) => d.returnedAt === null || f.createdAt <= d.returnedAt),
        },
      };
    },

    async download(actor: Actor, dossierId: string, fileId: string, res: Response) {
      await access.visible(actor, dossierId);
      const file = await repo.findLive(db, dossierId, fileId);
      if (!file) throw new AppError('FILE_NOT_FOUND');
      await sendFile(store, file, res);
    },

    /** Only while the step that added the file is open (or, for a file added after the decision, until the return). */
    async remove(actor: Actor, dossierId: string, fileId: string) {
      await access.visible(actor, dossierId);
      const at = clock.now();
      const removed = await db.transaction(async (tx) => {
        const file = await repo.findLive(tx, dossierId, fileId);
        if (!file) throw new AppError('FILE_NOT_FOUND');
        await access.remove(
          tx,
          actor,
          dossierId,
          {
            fileId,
            kind: file.kind as FileKind,
            componentIndex: file.componentIndex,
            sha256: file.sha256,
            stepSeq: file.stepSeq,
            imported: file.imported,
          },
          at,
        );
        // Read again under the dossier's lock: a concurrent removal of the same file wins once.
        if (!(await repo.findLive(tx, dossierId, fileId))) throw new AppError('FILE_NOT_FOUND');
        await repo.markDeleted(tx, fileId, actor.userId, at);
        return file;
      });
      await dropIfUnreferenced(removed.sha256);
    },

    /** The citizen's download of the electronic result: code + receipt PIN, after the decision. */
    async publicResult(code: string, pin: string, res: Response) {
      const d = await access.byCodeAndPin(code, pin);
      if (!d) throw new AppError('DOSSIER_NOT_FOUND');
      if (!d.finishedAt || !['decided', 'returned'].includes(d.status)) throw new AppError('RESULT_NOT_AVAILABLE');
      const file = await repo.latestResult(db, d.id);
      if (!file) throw new AppError('RESULT_NOT_AVAILABLE');
      await sendFile(store, file, res);
    },

    /** Historical references of the import (integration point: the import use case calls it in its transaction). */
    recordImported: importedFilesRecorder(access),
    /** The same, as the import use case of the dossiers module is handed it (`dossiers.useImportedFiles`). */
    importedFiles: importedFiles(access),

    /** The nightly orphan sweep (jobs/files-sweep.job.ts), in wall time: the store's timestamps are wall time. */
    sweepOrphans: (tx: Tx) =>
      sweepOrphans(tx, store, { dir: config.dir, graceMs: config.orphanGraceHours * 3_600_000, now: new Date() }),

    /** Per agency for [start, end) (no agencyIds: every agency); `via` the caller's transaction or the read replica. */
    digitizationCounts: (q: { start: Date; end: Date; agencyIds?: string[] }, via: Db = db) =>
      repo.digitizationCounts(via, q),
  };
}
