import { strict as assert } from 'node:assert';
import request from 'supertest';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, samples, twoComponents } from './files-world.js';

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
};

describe("files: reuse of the same applicant's documents", () => {
  it('attaches by hash for the same idNumber, stores no second copy, and refuses another applicant', async () => {
    const w = await buildFilesWorld();
    const first = await w.intake(twoComponents);
    const scan = await w
      .upload(first.id, w.receptionist, { componentIndex: 1, name: 'CCCD.pdf', content: samples.pdf('cccd') })
      .expect(201);
    const second = await w.intake(twoComponents);
    const reused = await request(w.app)
      .post(`/api/v1/dossiers/${second.id}/files`)
      .set(bearer(w.receptionist))
      .send({ kind: 'component', componentIndex: 1, reuseSha256: scan.body.sha256 })
      .expect(201);
    assert.equal(reused.body.reused, true);
    assert.equal(reused.body.reusedFromId, scan.body.id);
    assert.equal(reused.body.digitized, true);
    assert.equal(reused.body.name, 'CCCD.pdf');
    assert.equal(w.objects().length, 1);
    const rows = await w.rows(second.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.sha256, scan.body.sha256);
    const dl = await request(w.app)
      .get(`/api/v1/dossiers/${second.id}/files/${reused.body.id}`)
      .set(bearer(w.officer))
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.deepEqual(dl.body, samples.pdf('cccd'));

    // The same content uploaded again is stored once too.
    await w.upload(second.id, w.receptionist, { componentIndex: 0, content: samples.pdf('cccd') }).expect(201);
    assert.equal(w.objects().length, 1);

    const stranger = await w.intake({ ...twoComponents, applicant: { name: 'Lê Văn Tám', idNumber: '079200000001' } });
    const refused = await request(w.app)
      .post(`/api/v1/dossiers/${stranger.id}/files`)
      .set(bearer(w.receptionist))
      .send({ kind: 'component', componentIndex: 1, reuseSha256: scan.body.sha256 })
      .expect(404);
    assert.equal(refused.body.code, 'FILE_REUSE_NOT_FOUND');
    assert.deepEqual(await w.rows(stranger.id), []);
  });
});

describe("files: the citizen's electronic result", () => {
  it('downloads with code + PIN only after the decision; never with phone digits; a wrong PIN is a 404', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const content = samples.pdf('Giấy chứng nhận');
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    await w.upload(d.id, w.officer, { kind: 'result', name: 'Giấy chứng nhận đăng ký.pdf', content }).expect(201);
    const url = `/api/v1/public/dossiers/${d.code}/result`;
    assert.equal(
      (await request(w.app).get(url).query({ pin: d.lookupPin }).expect(404)).body.code,
      'RESULT_NOT_AVAILABLE',
    );

    await w.act(d.id, 'forward', w.officer).expect(200);
    await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    const dl = await request(w.app).get(url).query({ pin: d.lookupPin }).buffer(true).parse(binary).expect(200);
    assert.deepEqual(dl.body, content);
    assert.match(dl.headers['content-disposition']!, /filename\*=UTF-8''Gi%E1%BA%A5y/);
    assert.equal((await request(w.app).get(url).query({ phone4: '5678' }).expect(400)).body.code, 'VALIDATION_FAILED');
    const wrong = d.lookupPin === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    assert.equal((await request(w.app).get(url).query({ pin: wrong }).expect(404)).body.code, 'DOSSIER_NOT_FOUND');
    assert.equal(
      (
        await request(w.app)
          .get('/api/v1/public/dossiers/000.00.00.H00-261123-9999/result')
          .query({ pin: d.lookupPin })
          .expect(404)
      ).body.code,
      'DOSSIER_NOT_FOUND',
    );
  });

  it('shares the per-code failure limit with the public lookup', async () => {
    const w = await buildFilesWorld({ PUBLIC_CODE_FAILURE_LIMIT: '3' });
    const d = await w.intake(twoComponents);
    for (let i = 0; i < 2; i++)
      await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: 'ZZZZZ2' }).expect(404);
    await request(w.app).get(`/api/v1/public/dossiers/${d.code}/result`).query({ pin: 'ZZZZZ2' }).expect(404);
    const limited = await request(w.app)
      .get(`/api/v1/public/dossiers/${d.code}/result`)
      .query({ pin: d.lookupPin })
      .expect(429);
    assert.equal(limited.body.code, 'RATE_LIMITED');
  });
});

describe('files: references imported with historical dossiers', () => {
  it('records hash, size and type without content, as events; downloads say the content is missing', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const refs = [
      {
        kind: 'component' as const,
        componentIndex: 0,
        name: 'Tờ khai.pdf',
        contentType: 'application/pdf',
        size: 1234,
        sha256: 'a'.repeat(64),
        attachedAt: '2026-11-23T10:05:00+07:00',
        atIntake: true,
      },
    ];
    const { db } = testDatabase();
    const actor = { userId: w.admin.id, username: w.admin.username, roles: ['admin' as const], agencyId: null };
    await db.transaction((tx) => w.services.files.recordImported(tx, d.id, refs, actor));
    const rows = await w.rows(d.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.imported, true);
    assert.equal(rows[0]!.digitized, true);
    assert.equal(rows[0]!.createdAt.toISOString(), '2026-11-23T03:05:00.000Z');
    const events = await request(w.app).get(`/api/v1/dossiers/${d.id}/events`).set(bearer(w.officer)).expect(200);
    assert.equal(events.body.events.at(-1).type, 'file_attached');
    assert.equal(events.body.events.at(-1).data.imported, true);
    const res = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/files/${rows[0]!.id}`)
      .set(bearer(w.officer))
      .expect(404);
    assert.equal(res.body.code, 'FILE_CONTENT_MISSING');
    await assert.rejects(
      db.transaction((tx) => w.services.files.recordImported(tx, d.id, [{ ...refs[0]!, sha256: 'xyz' }], actor)),
      /VALIDATION_FAILED/,
    );
  });
});
