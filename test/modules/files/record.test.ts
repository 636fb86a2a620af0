import { strict as assert } from 'node:assert';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { dossierFiles } from '../../../src/db/schema/index.js';
import { queryRows } from '../../../src/db/rows.js';
import { insertFileWithin, type UploadedFile } from '../../../src/modules/files/file.repository.js';
import { localFileStore } from '../../../src/modules/files/file.store.js';
import { testDatabase } from '../../support/db.js';
import { buildFilesWorld, samples, twoComponents } from './files-world.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Rolls the transaction back after `work` (the rows it wrote are not wanted). */
class Rollback extends Error {}

describe('files: recording an upload (the paths made cheaper for issue 15)', () => {
  it('records SHA-256, size and content of a multi-megabyte upload that arrives in many chunks', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    // 3 MiB + 7 bytes: many socket chunks, and a last one of an odd length.
    const content = Buffer.concat([samples.pdf(`big ${d.id}`), Buffer.alloc(3 * 1024 * 1024 + 7, 0x41)]);
    const res = await w.upload(d.id, w.receptionist, { content }).expect(201);
    assert.equal(res.body.size, content.length);
    assert.equal(res.body.sha256, sha(content));
    const [row] = await w.rows(d.id);
    assert.equal(row!.sha256, sha(content));
    assert.equal(row!.size, content.length);
    const objects = w.objects();
    assert.equal(objects.length, 1);
    assert.ok(readFileSync(objects[0]!).equals(content));
    assert.deepEqual(w.temps(), []);
  });

  it("takes the step from the dossier's open step: 1 at intake, 2 after forwarding (not digitised then)", async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    await w.upload(d.id, w.receptionist, { content: samples.pdf(`intake ${d.id}`) }).expect(201);
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    const later = await w.upload(d.id, w.officer, { kind: 'result', content: samples.pdf(`later ${d.id}`) });
    assert.equal(later.status, 201);
    assert.equal(later.body.stepSeq, 2);
    assert.equal(later.body.digitized, false);
    const rows = (await w.rows(d.id)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    assert.deepEqual(
      rows.map((r) => [r.stepSeq, r.digitized]),
      [
        [1, true],
        [2, false],
      ],
    );
  });

  it('inserts within the per-dossier limit in one statement that also takes the content lock', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const first = samples.pdf(`first ${d.id}`);
    await w.upload(d.id, w.receptionist, { content: first }).expect(201);
    const { db } = testDatabase();
    const row = (size: number): UploadedFile => ({
      id: randomUUID(),
      dossierId: d.id,
      kind: 'component',
      componentIndex: 1,
      name: 'Giấy tờ.pdf',
      contentType: 'application/pdf',
      size,
      sha256: sha(Buffer.from(`content ${d.id} ${size}`)),
      note: null,
      stepSeq: 1,
      digitized: true,
      reused: false,
      reusedFromId: null,
      agencyId: w.center.id,
      createdBy: w.receptionist.id,
      createdAt: new Date('2026-11-23T03:00:00.000Z'),
    });
    await assert.rejects(
      db.transaction(async (tx) => {
        // The limit counts the live file already there: first.length + 20 does not fit in first.length + 19.
        assert.equal(await insertFileWithin(tx, first.length + 19, row(20)), undefined);
        const fits = row(20);
        const inserted = await insertFileWithin(tx, first.length + 20, fits);
        assert.deepEqual(inserted, { ...fits, imported: false, deletedAt: null, deletedBy: null });
        const [stored] = await tx.select().from(dossierFiles).where(eq(dossierFiles.id, fits.id));
        assert.deepEqual(stored, inserted);
        const locks = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
            and granted`,
        );
        assert.ok(Number(locks[0]!.n) >= 1, 'the content lock is held until the transaction ends');
        // No limit (a reuse): inserted whatever the total.
        assert.ok(await insertFileWithin(tx, null, row(10 ** 9)));
        throw new Rollback();
      }),
      Rollback,
    );
    assert.equal((await w.rows(d.id)).length, 1);
  });

  it('puts content when its folder is missing, and again when the content is already there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-store-'));
    try {
      const store = localFileStore(dir);
      const content = Buffer.from('%PDF-1.4\nput twice\n');
      const temp = join(dir, 'a.part');
      writeFileSync(temp, content);
      await store.put(sha(content), temp, content.length);
      await store.put(sha(content), temp, content.length);
      assert.ok(await store.exists(sha(content)));
      const stored = join(dir, 'objects', sha(content).slice(0, 2), sha(content).slice(2, 4), sha(content));
      assert.ok(readFileSync(stored).equals(content));
      rmSync(join(dir, 'objects'), { recursive: true });
      await store.put(sha(content), temp, content.length);
      assert.ok(readFileSync(stored).equals(content));
      await assert.rejects(store.put(sha(Buffer.from('other')), join(dir, 'missing.part'), 1), { code: 'ENOENT' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
