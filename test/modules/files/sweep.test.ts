import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import S3rver from 's3rver';
import { dossierFiles, jobRuns } from '../../../src/db/schema/index.js';
import { localFileStore } from '../../../src/modules/files/file.store.js';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, samples, twoComponents, type FilesWorld } from './files-world.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const DAY = 24 * 3_600_000;
const age = (path: string, ms: number) => {
  const t = new Date(Date.now() - ms);
  utimesSync(path, t, t);
};
const objectPath = (w: FilesWorld, sha: string) => join(w.filesDir, 'objects', sha.slice(0, 2), sha.slice(2, 4), sha);

/** What a process killed between the store's put and the commit leaves: content, and no row. */
async function leaveOrphan(w: FilesWorld, content: Buffer): Promise<string> {
  const temp = join(w.filesDir, 'tmp', `${sha256(content).slice(0, 8)}.part`);
  mkdirSync(join(w.filesDir, 'tmp'), { recursive: true });
  writeFileSync(temp, content);
  await localFileStore(w.filesDir).put(sha256(content), temp, content.length);
  rmSync(temp);
  return sha256(content);
}

describe('files: the sweep of content no dossier file needs (kill -9 between store and commit)', () => {
  it('removes old unreferenced content and stale temp files, keeps what a row needs and what is young', async () => {
    const w = await buildFilesWorld({ FILES_ORPHAN_GRACE_HOURS: '24' });
    const d = await w.intake(twoComponents);
    const kept = await w.upload(d.id, w.receptionist, { content: samples.pdf('kept') }).expect(201);
    age(objectPath(w, kept.body.sha256 as string), 3 * DAY);
    const oldOrphan = await leaveOrphan(w, samples.pdf('killed before commit'));
    age(objectPath(w, oldOrphan), 2 * DAY);
    const youngOrphan = await leaveOrphan(w, samples.pdf('maybe still committing'));
    // A removal killed after its commit, before it dropped the content: only a deleted row refers to it.
    const removed = await w.upload(d.id, w.receptionist, { componentIndex: 1, content: samples.pdf('gone') });
    const { db } = testDatabase();
    await db
      .update(dossierFiles)
      .set({ deletedAt: new Date() })
      .where(eq(dossierFiles.id, removed.body.id as string));
    age(objectPath(w, removed.body.sha256 as string), 2 * DAY);
    // Temp files: one of a process killed long ago, one of an upload in flight.
    const staleTemp = join(w.filesDir, 'tmp', 'stale.part');
    writeFileSync(staleTemp, 'half');
    age(staleTemp, 2 * DAY);
    writeFileSync(join(w.filesDir, 'tmp', 'in-flight.part'), 'half');

    const run = await w.services.scheduler.runByName('files-sweep');
    assert.equal(run.status, 'succeeded', String(run.error));
    assert.deepEqual(run.detail, { scanned: 4, removed: 2, tempFiles: 1 });

    assert.deepEqual(
      w.objects().sort(),
      [objectPath(w, kept.body.sha256 as string), objectPath(w, youngOrphan)].sort(),
    );
    assert.ok(!w.temps().includes(staleTemp));
    assert.ok(w.temps().includes(join(w.filesDir, 'tmp', 'in-flight.part')));
    const download = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/files/${kept.body.id as string}`)
      .set(bearer(w.receptionist))
      .buffer(true)
      .expect(200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    const [stored] = await db.select().from(jobRuns).where(eq(jobRuns.id, run.id));
    assert.equal(stored!.job, 'files-sweep');
    const runs = await request(w.app).get('/api/v1/jobs/runs').set(bearer(w.admin)).expect(200);
    assert.ok((runs.body.items as Array<{ id: string }>).some((r) => r.id === run.id));
  });

  it('is scheduled from FILES_SWEEP_CRON with a 24-hour grace by default', async () => {
    const w = await buildFilesWorld({ FILES_SWEEP_CRON: '0 4 * * *' });
    assert.equal(w.config.files.sweepCron, '0 4 * * *');
    assert.equal(w.config.files.orphanGraceHours, 24);
  });

  describe('on an S3-compatible store', () => {
    let server: S3rver;
    let endpoint = '';
    const bucket = 'motcua-sweep';
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    before(async () => {
      server = new S3rver({
        port: 0,
        address: '127.0.0.1',
        silent: true,
        directory: mkdtempSync(join(tmpdir(), 's3rver-')),
        configureBuckets: [{ name: bucket, configs: [] }],
      });
      endpoint = `http://127.0.0.1:${((await server.run()) as AddressInfo).port}`;
    });
    after(async () => {
      await server.close();
    });

    it('removes unreferenced objects of its own layout only', async () => {
      const w = await buildFilesWorld({
        FILES_S3_BUCKET: bucket,
        FILES_S3_ENDPOINT: endpoint,
        FILES_S3_FORCE_PATH_STYLE: 'true',
        FILES_S3_PREFIX: 'ho-so/',
        FILES_S3_ACCESS_KEY_ID: credentials.accessKeyId,
        FILES_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        FILES_ORPHAN_GRACE_HOURS: '0',
      });
      const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
      const d = await w.intake(twoComponents);
      const kept = await w.upload(d.id, w.receptionist, { content: samples.pdf('S3 kept') }).expect(201);
      const orphan = sha256(samples.pdf('S3 orphan'));
      const put = (Key: string) => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' }));
      await put(`ho-so/${orphan.slice(0, 2)}/${orphan}`);
      await put('ho-so/readme.txt');
      await put(`other/${orphan.slice(0, 2)}/${orphan}`);

      const run = await w.services.scheduler.runByName('files-sweep');
      assert.equal(run.status, 'succeeded', String(run.error));
      assert.deepEqual(run.detail, { scanned: 2, removed: 1, tempFiles: 0 });
      const left = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      const keys = (left.Contents ?? []).map((o) => o.Key).sort();
      const sha = kept.body.sha256 as string;
      assert.deepEqual(keys, [
        `ho-so/${sha.slice(0, 2)}/${sha}`,
        'ho-so/readme.txt',
        `other/${orphan.slice(0, 2)}/${orphan}`,
      ]);
    });
  });
});
