import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { eq } from 'drizzle-orm';
import { dossierFiles } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, type UserRow } from '../../support/factories.js';
import type { FileAction } from '../../../src/modules/dossiers/dossier.transitions.js';
import { buildWorld, type World } from '../dossiers/world.js';

/** Small contents whose magic bytes file-type recognises. */
export const samples = {
  pdf: (text = 'hello') =>
    Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`),
  png: () =>
    Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
      Buffer.alloc(64),
    ]),
  elf: () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]),
};

export interface FilesWorld extends World {
  filesDir: string;
  upload(
    dossierId: string,
    user: UserRow,
    options: { kind?: string; componentIndex?: number; name?: string; content?: Buffer; note?: string },
  ): request.Test;
  /** Every object in the local store. */
  objects(): string[];
  /** Upload temp files left in the folder. */
  temps(): string[];
  rows(dossierId: string): Promise<Array<typeof dossierFiles.$inferSelect>>;
}

function walk(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    out = statSync(path).isDirectory() ? out.concat(walk(path)) : out.concat(path);
  }
  return out;
}

/** Every world's files folder, removed when the test process ends (they were left in the system's temp folder). */
const filesDirs: string[] = [];
process.once('exit', () => {
  for (const dir of filesDirs) rmSync(dir, { recursive: true, force: true });
});

export async function buildFilesWorld(env: Record<string, string> = {}): Promise<FilesWorld> {
  const filesDir = mkdtempSync(join(tmpdir(), 'motcua-files-'));
  filesDirs.push(filesDir);
  const w = await buildWorld({ env: { FILES_DIR: filesDir, ...env } });
  return {
    ...w,
    filesDir,
    upload(dossierId, user, options) {
      let req = request(w.app)
        .post(`/api/v1/dossiers/${dossierId}/files`)
        .set(bearer(user))
        .field('kind', options.kind ?? 'component');
      if ((options.kind ?? 'component') === 'component')
        req = req.field('componentIndex', String(options.componentIndex ?? 0));
      if (options.note) req = req.field('note', options.note);
      return req.attach('file', options.content ?? samples.pdf(), {
        filename: options.name ?? 'Bản chụp.pdf',
        contentType: 'application/pdf',
      });
    },
    objects: () => walk(join(filesDir, 'objects')),
    temps: () => walk(join(filesDir, 'tmp')),
    rows: (dossierId) => testDatabase().db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, dossierId)),
  };
}

export const twoComponents = {
  components: [
    { name: 'Tờ khai đăng ký', copies: 1 },
    { name: 'Giấy tờ tùy thân', copies: 1 },
  ],
};

/**
 * One cell of the access matrix for a file action (test/modules/dossiers/access-matrix.test.ts):
 * for a removal, the allowed user first attaches a file of that kind; then `user` acts.
 */
export async function fileActionCell(
  w: World,
  dossierId: string,
  action: FileAction,
  user: UserRow,
  version: () => Promise<number>,
) {
  const kind = action.endsWith('component') ? 'component' : 'result';
  const url = `/api/v1/dossiers/${dossierId}/files`;
  const send = (by: UserRow) => {
    const req = request(w.app).post(url).set(bearer(by)).field('kind', kind);
    return (kind === 'component' ? req.field('componentIndex', '0') : req).attach(
      'file',
      samples.pdf(`${action} ${dossierId}`),
      { filename: 'Tệp.pdf', contentType: 'application/pdf' },
    );
  };
  if (action.startsWith('attach')) return { before: await version(), res: await send(user) };
  const added = await send(kind === 'component' ? w.receptionist : w.officer);
  if (added.status !== 201) throw new Error(`attach failed: ${added.status} ${JSON.stringify(added.body)}`);
  const before = await version();
  return {
    before,
    res: await request(w.app)
      .delete(`${url}/${added.body.id as string}`)
      .set(bearer(user)),
  };
}

const at = (local: string) => `${local}:00+07:00`;

/**
 * Imported history (issue 15): two dossiers of October 2026 at the world's department, one digitised
 * at intake with an electronic result (file refs), one without files. Answers the first one's id.
 */
export async function importOctober(w: FilesWorld) {
  const base = {
    procedureCode: w.procedure.code,
    agencyId: w.department.id,
    receivingAgencyId: w.center.id,
    channel: 'direct',
    receivedAt: at('2026-10-05T08:00'),
    applicant: { name: 'Phạm Văn Nam' },
    components: [{ name: 'Tờ khai' }],
    events: [
      { type: 'decided', at: at('2026-10-07T15:00'), outcome: 'approved' },
      { type: 'returned', at: at('2026-10-08T09:00'), method: 'counter' },
    ],
  };
  const ref = { contentType: 'application/pdf', size: 10, name: 'a.pdf' };
  const res = await request(w.app)
    .post('/api/v1/dossiers/import')
    .set(bearer(w.admin))
    .send({
      items: [
        {
          ...base,
          externalId: `S-1-${w.department.id}`,
          files: [
            {
              ...ref,
              kind: 'component',
              componentIndex: 0,
              sha256: 'a'.repeat(64),
              attachedAt: at('2026-10-05T08:01'),
              atIntake: true,
            },
            { ...ref, kind: 'result', sha256: 'b'.repeat(64), attachedAt: at('2026-10-07T15:01') },
          ],
        },
        { ...base, externalId: `S-2-${w.department.id}` },
      ],
    })
    .expect(200);
  return res.body.results[0].id as string;
}
