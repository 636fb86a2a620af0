import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { dossierFiles } from '../../db/schema/index.js';
import { liveReferences, lockContent } from './file.repository.js';
import { sweepTempFiles, type FileStore } from './file.store.js';

const BATCH = 500;

/** Of these contents, those a live row of a dossier needs (imported refs have no content). */
async function referenced(db: Db, shas: string[]): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ sha256: dossierFiles.sha256 })
    .from(dossierFiles)
    .where(and(inArray(dossierFiles.sha256, shas), isNull(dossierFiles.deletedAt), eq(dossierFiles.imported, false)));
  return new Set(rows.map((r) => r.sha256));
}

/**
 * Issue 15 "a kill -9 leaves no dangling record and no half file". An upload puts its content in
 * the store inside the transaction that inserts the row: a process killed after the put and before
 * the commit (or a rollback whose clean-up never ran, or a removal killed before dropping the content)
 * leaves content no row needs. This removes such content once older than `graceMs`, each under the
 * content's lock and checked again there — an upload of the same content in flight holds that lock
 * until it commits, so its content is never taken — and the upload temp files older than `graceMs`.
 */
export async function sweepOrphans(
  db: Tx,
  store: FileStore,
  opts: { dir: string; graceMs: number; now: Date },
): Promise<{ scanned: number; removed: number; tempFiles: number }> {
  const cutoff = opts.now.getTime() - opts.graceMs;
  let scanned = 0;
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const needed = await referenced(db, batch);
    for (const sha of batch.filter((s) => !needed.has(s))) {
      await lockContent(db, sha);
      if ((await liveReferences(db, sha)) > 0) continue;
      await store.delete(sha);
      removed++;
    }
    batch = [];
  };
  for await (const content of store.list()) {
    scanned++;
    if (content.storedAt.getTime() > cutoff) continue;
    batch.push(content.sha256);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  const tempFiles = await sweepTempFiles(opts.dir, opts.graceMs, opts.now.getTime());
  return { scanned, removed, tempFiles };
}
