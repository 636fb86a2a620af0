import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import request from 'supertest';
import S3rver from 's3rver';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, samples, twoComponents } from './files-world.js';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
};

/** A real S3-compatible server (s3rver) in the test process, on a throw-away folder. */
describe('files: S3-compatible store', () => {
  let server: S3rver;
  let endpoint = '';
  const bucket = 'motcua-files';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

  before(async () => {
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: mkdtempSync(join(tmpdir(), 's3rver-')),
      configureBuckets: [{ name: bucket, configs: [] }],
    });
    const address = (await server.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${address.port}`;
  });
  after(async () => {
    await server.close();
  });

  const env = () => ({
    FILES_S3_BUCKET: bucket,
    FILES_S3_ENDPOINT: endpoint,
    FILES_S3_FORCE_PATH_STYLE: 'true',
    FILES_S3_PREFIX: 'ho-so/',
    FILES_S3_ACCESS_KEY_ID: credentials.accessKeyId,
    FILES_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  });
  const client = () => new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });

  it('round-trips a file through the bucket; nothing lands in the local folder but nothing is left in tmp', async () => {
    const w = await buildFilesWorld(env());
    const d = await w.intake(twoComponents);
    const content = samples.pdf('S3 – Sở Tư pháp');
    const up = await w.upload(d.id, w.receptionist, { name: 'Bản sao chứng thực.pdf', content }).expect(201);
    const sha = up.body.sha256 as string;
    const stored = await client().send(
      new GetObjectCommand({ Bucket: bucket, Key: `ho-so/${sha.slice(0, 2)}/${sha}` }),
    );
    assert.deepEqual(Buffer.from(await stored.Body!.transformToByteArray()), content);
    assert.deepEqual(w.objects(), []);
    assert.deepEqual(w.temps(), []);
    const dl = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/files/${up.body.id}`)
      .set(bearer(w.officer))
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.deepEqual(dl.body, content);

    // Tampered object in the bucket: a clear error, not the wrong bytes.
    await client().send(
      new PutObjectCommand({ Bucket: bucket, Key: `ho-so/${sha.slice(0, 2)}/${sha}`, Body: samples.pdf('other') }),
    );
    const bad = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/files/${up.body.id}`)
      .set(bearer(w.officer))
      .expect(500);
    assert.equal(bad.body.code, 'FILE_CORRUPTED');

    // Removing the last reference removes the object.
    await request(w.app).delete(`/api/v1/dossiers/${d.id}/files/${up.body.id}`).set(bearer(w.receptionist)).expect(204);
    await assert.rejects(
      client().send(new GetObjectCommand({ Bucket: bucket, Key: `ho-so/${sha.slice(0, 2)}/${sha}` })),
      /NoSuchKey|NotFound|not exist/i,
    );
  });
});
