import { createReadStream } from 'node:fs';
import { link, mkdir, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where file content lives, addressed by its SHA-256 (hex). Equal content is stored once; every
 * operation is idempotent, so a retried or raced upload of the same content is harmless.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Copies the complete temp file in under `sha256` (a no-op when that content is there); the caller removes the temp file. */
  put(sha256: string, tempPath: string, size: number): Promise<void>;
  /** The content as a stream; throws `FileMissingError` when the store has no such content. */
  get(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
  /** Every stored content with when it was stored (for the orphan sweep, file.sweep.ts); pages, not all at once. */
  list(): AsyncIterable<StoredContent>;
}

export interface StoredContent {
  sha256: string;
  storedAt: Date;
}

export class FileMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`no stored content ${sha256.slice(0, 12)}…`);
    this.name = 'FileMissingError';
  }
}

const SHA = /^[0-9a-f]{64}$/;
function checked(sha256: string): string {
  if (!SHA.test(sha256)) throw new Error('not a SHA-256');
  return sha256;
}

/**
 * The local folder: `objects/ab/cd/<sha256>`. Content arrives as a finished temp file in the same
 * folder tree and is hard-linked into place, so the final name appears atomically and complete
 * (a crash leaves at most a temp file, never a half object).
 */
export function localFileStore(dir: string): FileStore {
  const pathOf = (sha: string) => join(dir, 'objects', checked(sha).slice(0, 2), sha.slice(2, 4), sha);
  return {
    kind: 'local',
    async put(sha256, tempPath) {
      const target = pathOf(sha256);
      // The folder is made only when the link says it is missing (one call per upload, not two).
      const linked = async (): Promise<void> => {
        try {
          await link(tempPath, target);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      };
      try {
        await linked();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        await mkdir(join(target, '..'), { recursive: true });
        await linked();
      }
    },
    async get(sha256) {
      const path = pathOf(sha256);
      if (!(await this.exists(sha256))) throw new FileMissingError(sha256);
      return createReadStream(path, { highWaterMark: 1024 * 1024 });
    },
    async exists(sha256) {
      try {
        return (await stat(pathOf(sha256))).isFile();
      } catch {
        return false;
      }
    },
    async delete(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
    async *list() {
      const objects = join(dir, 'objects');
      for (const a of await namesIn(objects)) {
        for (const b of await namesIn(join(objects, a))) {
          for (const sha of await namesIn(join(objects, a, b))) {
            if (!SHA.test(sha) || sha.slice(0, 2) !== a || sha.slice(2, 4) !== b) continue;
            try {
              const info = await stat(join(objects, a, b, sha));
              if (info.isFile()) yield { sha256: sha, storedAt: info.mtime };
            } catch {
              // Removed meanwhile (its last reference went).
            }
          }
        }
      }
    },
  };
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** The folder for upload temp files: inside FILES_DIR so that the local store can link from it. */
export function tempDirOf(dir: string): string {
  return join(dir, 'tmp');
}

/**
 * Removes upload temp files older than `maxAgeMs` (left by a killed process). Several instances may
 * share the folder, so young files, possibly another instance's upload in flight, stay.
 */
export async function sweepTempFiles(dir: string, maxAgeMs: number, now: number): Promise<number> {
  const tmp = tempDirOf(dir);
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(tmp);
  } catch {
    return 0;
  }
  for (const name of names.filter((n) => n.endsWith('.part'))) {
    const path = join(tmp, name);
    try {
      if (now - (await stat(path)).mtimeMs >= maxAgeMs) {
        await unlink(path);
        removed++;
      }
    } catch {
      // Finished and removed by its own upload meanwhile.
    }
  }
  return removed;
}
