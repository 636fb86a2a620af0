import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import request from 'supertest';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildFilesWorld, samples, twoComponents } from './files-world.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => done(null, Buffer.concat(parts)));
};

describe('files: attach, list, download (local store)', () => {
  it('round-trips a component scan with a Vietnamese name; digitised at intake; one event', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const content = samples.pdf('Nguyễn');
    const name = 'Tờ khai đăng ký hộ kinh doanh – bản chụp.pdf';
    const res = await w.upload(d.id, w.receptionist, { componentIndex: 0, name, content, note: 'bản gốc' }).expect(201);
    assert.equal(res.body.name, name);
    assert.equal(res.body.contentType, 'application/pdf');
    assert.equal(res.body.size, content.length);
    assert.equal(res.body.sha256, sha(content));
    assert.equal(res.body.digitized, true);
    assert.equal(res.body.componentName, 'Tờ khai đăng ký');
    assert.match(res.body.createdAt, /\+07:00$/);

    const rows = await w.rows(d.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.stepSeq, 1);
    const objects = w.objects();
    assert.equal(objects.length, 1);
    assert.ok(objects[0]!.endsWith(sha(content)));
    assert.deepEqual(readFileSync(objects[0]!), content);
    assert.deepEqual(w.temps(), []);

    const events = await request(w.app).get(`/api/v1/dossiers/${d.id}/events`).set(bearer(w.officer)).expect(200);
    const last = events.body.events.at(-1);
    assert.equal(last.type, 'file_attached');
    assert.equal(last.seq, 2);
    assert.equal(last.data.fileId, res.body.id);

    const list = await request(w.app).get(`/api/v1/dossiers/${d.id}/files`).set(bearer(w.officer)).expect(200);
    assert.equal(list.body.items.length, 1);
    assert.deepEqual(
      list.body.digitization.components.map((c: { digitized: boolean }) => c.digitized),
      [true, false],
    );
    assert.equal(list.body.digitization.allComponentsDigitized, false);

    const dl = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/files/${res.body.id}`)
      .set(bearer(w.officer))
      .buffer(true)
      .parse(binary)
      .expect(200);
    assert.deepEqual(dl.body, content);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    const disposition = dl.headers['content-disposition']!;
    assert.match(
      disposition,
      /^attachment; filename="To khai dang ky ho kinh doanh _ ban chup\.pdf"; filename\*=UTF-8''/,
    );
    assert.ok(
      disposition.includes(
        `filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      ),
    );
  });

  it('decides the type from the bytes: an ELF executable named .pdf is refused and leaves nothing behind', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const res = await w.upload(d.id, w.receptionist, { name: 'don-de-nghi.pdf', content: samples.elf() }).expect(415);
    assert.equal(res.body.code, 'FILE_TYPE_NOT_ALLOWED');
    assert.match(res.body.detail, /elf/);
    assert.deepEqual(await w.rows(d.id), []);
    assert.deepEqual(w.objects(), []);
    assert.deepEqual(w.temps(), []);
    // A PNG sent as "application/pdf" is stored as what it is.
    const png = await w.upload(d.id, w.receptionist, { name: 'anh.pdf', content: samples.png() }).expect(201);
    assert.equal(png.body.contentType, 'image/png');
  });

  it("answers 404 to staff outside the dossier's scope, for every route", async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const file = await w.upload(d.id, w.receptionist, {}).expect(201);
    const otherCentre = await createAgency({ level: 'center' });
    const stranger = await createUser({ roles: ['receptionist'], agencyId: otherCentre.id });
    const base = `/api/v1/dossiers/${d.id}/files`;
    for (const res of [
      await request(w.app).get(base).set(bearer(stranger)),
      await request(w.app).get(`${base}/${file.body.id}`).set(bearer(stranger)),
      await request(w.app).delete(`${base}/${file.body.id}`).set(bearer(stranger)),
      await w.upload(d.id, stranger, {}),
    ]) {
      assert.equal(res.status, 404);
      assert.equal(res.body.code, 'DOSSIER_NOT_FOUND');
    }
    assert.equal((await w.rows(d.id)).length, 1);
  });

  it('lets only the receiving unit attach components and only the handling agency attach the result', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    // The access matrix of the write path (dossier.transitions.ts): attach-component / attach-result.
    // Content no other test stores (the database is shared, each world has its own store folder).
    const content = samples.pdf(`refused ${d.id}`);
    const officerComponent = await w.upload(d.id, w.officer, { componentIndex: 0, content }).expect(403);
    assert.equal(officerComponent.body.code, 'ACTION_FORBIDDEN');
    assert.match(officerComponent.body.detail, /attach-component/);
    const counterResult = await w.upload(d.id, w.receptionist, { kind: 'result', content }).expect(403);
    assert.equal(counterResult.body.code, 'ACTION_FORBIDDEN');
    assert.match(counterResult.body.detail, /attach-result/);
    assert.deepEqual(w.objects(), [], 'a refused upload stores nothing');
    assert.equal(
      (await w.upload(d.id, w.receptionist, { componentIndex: 5 }).expect(400)).body.code,
      'FILE_COMPONENT_INVALID',
    );
    const result = await w.upload(d.id, w.officer, { kind: 'result', name: 'Giấy chứng nhận.pdf' }).expect(201);
    assert.equal(result.body.kind, 'result');
    assert.equal(result.body.digitized, false);
    assert.equal((await w.rows(d.id)).length, 1);
  });

  it('deletes only while the step that added the file is open; the content goes with its last reference', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const first = await w.upload(d.id, w.receptionist, { content: samples.pdf('first') }).expect(201);
    await request(w.app)
      .delete(`/api/v1/dossiers/${d.id}/files/${first.body.id}`)
      .set(bearer(w.receptionist))
      .expect(204);
    const rows = await w.rows(d.id);
    assert.ok(rows[0]!.deletedAt);
    assert.deepEqual(w.objects(), []);
    const events = await request(w.app).get(`/api/v1/dossiers/${d.id}/events`).set(bearer(w.officer)).expect(200);
    assert.deepEqual(
      events.body.events.map((e: { type: string }) => e.type),
      ['received', 'file_attached', 'file_removed'],
    );

    const second = await w.upload(d.id, w.receptionist, { content: samples.pdf('second') }).expect(201);
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    const refused = await request(w.app)
      .delete(`/api/v1/dossiers/${d.id}/files/${second.body.id}`)
      .set(bearer(w.receptionist))
      .expect(409);
    assert.equal(refused.body.code, 'FILE_DELETE_NOT_ALLOWED');
    assert.equal((await w.rows(d.id)).filter((r) => !r.deletedAt).length, 1);
    assert.equal(w.objects().length, 1);
  });

  it('answers FILE_CORRUPTED, not a wrong file, when the stored content no longer matches its SHA-256', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const file = await w.upload(d.id, w.receptionist, {}).expect(201);
    writeFileSync(w.objects()[0]!, samples.pdf('tampered'));
    const res = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/files/${file.body.id}`)
      .set(bearer(w.officer))
      .expect(500);
    assert.equal(res.body.code, 'FILE_CORRUPTED');
    assert.match(res.headers['content-type']!, /problem\+json/);
  });

  it('refuses a file past the per-dossier total', async () => {
    const w = await buildFilesWorld({ FILES_MAX_DOSSIER_BYTES: '300' });
    const d = await w.intake(twoComponents);
    await w.upload(d.id, w.receptionist, { content: samples.pdf('a') }).expect(201);
    const res = await w.upload(d.id, w.receptionist, { content: samples.pdf('b'.repeat(200)) }).expect(413);
    assert.equal(res.body.code, 'DOSSIER_FILES_TOO_LARGE');
    assert.equal((await w.rows(d.id)).length, 1);
    assert.deepEqual(w.temps(), []);
  });

  it('runs the virus-scan command when configured and refuses what it flags', async () => {
    const w = await buildFilesWorld({ FILES_SCAN_COMMAND: '! grep -q EICAR-TEST' });
    const d = await w.intake(twoComponents);
    const res = await w.upload(d.id, w.receptionist, { content: samples.pdf('EICAR-TEST') }).expect(422);
    assert.equal(res.body.code, 'FILE_INFECTED');
    assert.deepEqual(w.objects(), []);
    await w.upload(d.id, w.receptionist, { content: samples.pdf('clean') }).expect(201);
  });

  it('answers 400, never a 5xx, to malformed multipart bodies and writes nothing', async () => {
    const w = await buildFilesWorld();
    const d = await w.intake(twoComponents);
    const url = `/api/v1/dossiers/${d.id}/files`;
    const noBoundary = await request(w.app)
      .post(url)
      .set(bearer(w.receptionist))
      .set('Content-Type', 'multipart/form-data')
      .send('x');
    assert.equal(noBoundary.status, 400);
    const twoFiles = await request(w.app)
      .post(url)
      .set(bearer(w.receptionist))
      .field('kind', 'component')
      .field('componentIndex', '0')
      .attach('file', samples.pdf('1'), 'a.pdf')
      .attach('file', samples.pdf('2'), 'b.pdf');
    assert.equal(twoFiles.status, 400);
    const noFile = await request(w.app)
      .post(url)
      .set(bearer(w.receptionist))
      .field('kind', 'component')
      .field('componentIndex', '0');
    assert.equal(noFile.status, 400);
    assert.equal(noFile.body.code, 'FILE_REQUIRED');
    const badKind = await w.upload(d.id, w.receptionist, { kind: 'virus' });
    assert.equal(badKind.status, 400);
    assert.equal(badKind.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(await w.rows(d.id), []);
    assert.deepEqual(w.temps(), []);
  });

  it('describes the upload as multipart/form-data in the OpenAPI document', async () => {
    const w = await buildFilesWorld();
    const doc = (await request(w.app).get('/openapi.json').expect(200)).body;
    const op = doc.paths['/api/v1/dossiers/{id}/files'].post;
    assert.equal(op.requestBody.content['multipart/form-data'].schema.properties.file.format, 'binary');
    assert.ok(op.requestBody.content['application/json'].schema.properties.reuseSha256);
  });
});
