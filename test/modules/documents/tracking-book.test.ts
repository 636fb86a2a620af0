import { strict as assert } from 'node:assert';
import request from 'supertest';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';
import { binary, pdfText, readXlsx, TONE_NAME } from './papers.js';

const book = (w: World, format: 'pdf' | 'xlsx', query: Record<string, string>, user = w.receptionist) =>
  request(w.app)
    .get(`/api/v1/documents/tracking-book.${format}`)
    .query(query)
    .set(bearer(user))
    .buffer(true)
    .parse(binary);

describe('documents: form 06 tracking book', () => {
  let w: World;
  beforeEach(async () => {
    w = await buildWorld({ start: '2026-11-23T08:05' });
  });

  it('lists the dossiers the unit received in the range, as PDF and XLSX, with the same lines', async () => {
    const a = await w.intake({ applicant: { name: TONE_NAME, phone: '0912 345 678', address: 'Số 5 phố Hiến' } });
    w.clock.set('2026-11-24T09:40');
    const b = await w.intake();
    await w.act(b.id, 'forward', w.receptionist).expect(200);
    w.clock.set('2026-11-25T10:00');
    const outside = await w.intake();
    const q = { agencyId: w.center.id, from: '2026-11-23', to: '2026-11-24' };

    const pdf = await book(w, 'pdf', q);
    assert.equal(pdf.status, 200);
    const { text } = await pdfText(pdf.body as Buffer);
    for (const e of [
      'SỔ THEO DÕI HỒ SƠ',
      'Từ ngày 23/11/2026 đến ngày 24/11/2026',
      `Lĩnh vực: ${w.procedure.field}`,
      a.code,
      b.code,
      TONE_NAME,
      'Số 5 phố Hiến; 0912 345 678',
      w.department.name,
      '08:05 23/11/2026',
      'Tổng số: 2 hồ sơ',
    ]) {
      assert.ok(text.replace(/\s/g, '').includes(e.replace(/\s/g, '')), `missing "${e}" in ${text}`);
    }
    assert.ok(!text.includes(outside.code), 'a dossier received after the range is not in the book');

    const xlsx = await book(w, 'xlsx', q);
    assert.equal(xlsx.status, 200);
    assert.match(xlsx.headers['content-disposition']!, /so-theo-doi-2026-11-23-2026-11-24\.xlsx/);
    const sheet = await readXlsx(xlsx.body as Buffer);
    assert.equal(sheet.getCell('A2').value, 'SỔ THEO DÕI HỒ SƠ');
    assert.equal(sheet.getCell('B6').value, 'Mã hồ sơ');
    assert.equal(sheet.getCell('A7').value, `Lĩnh vực: ${w.procedure.field}`);
    assert.equal(sheet.getCell('K7').master.address, 'A7', 'the field row is merged across the table');
    assert.deepEqual(
      [sheet.getCell('A8').value, sheet.getCell('B8').value, sheet.getCell('D8').value],
      [1, a.code, TONE_NAME],
    );
    assert.deepEqual([sheet.getCell('A9').value, sheet.getCell('B9').value], [2, b.code]);
    assert.equal(sheet.getCell('G8').value, '08:05 23/11/2026');
    assert.equal(sheet.getCell('H8').value, '17:00 26/11/2026');
    assert.deepEqual(sheet.getCell('B8').border.left, { style: 'thin' });
    assert.equal(sheet.getCell('A10').value, 'Tổng số: 2 hồ sơ');

    // The handling department keeps its own book of the same dossiers; the same range prints the same bytes.
    const dept = await book(w, 'pdf', { ...q, agencyId: w.department.id }, w.officer);
    assert.equal(dept.status, 200);
    assert.ok(
      (await pdfText(dept.body as Buffer)).text.replace(/\s/g, '').includes(a.code),
      'a long code may wrap in its cell',
    );
    const again = (await book(w, 'pdf', q)).body as Buffer;
    assert.ok(again.equals(pdf.body as Buffer));
  });

  it("refuses an agency outside the caller's scope (404) and a bad range (400)", async () => {
    const other = await createAgency({ level: 'center' });
    const res = await request(w.app)
      .get('/api/v1/documents/tracking-book.pdf')
      .query({ agencyId: other.id, from: '2026-11-01', to: '2026-11-30' })
      .set(bearer(w.receptionist));
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'AGENCY_NOT_FOUND');
    const reversed = await request(w.app)
      .get('/api/v1/documents/tracking-book.xlsx')
      .query({ agencyId: w.center.id, from: '2026-11-30', to: '2026-11-01' })
      .set(bearer(w.receptionist));
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body.code, 'DOCUMENT_RANGE_INVALID');
    const tooLong = await request(w.app)
      .get('/api/v1/documents/tracking-book.pdf')
      .query({ agencyId: w.center.id, from: '2024-01-01', to: '2026-11-01' })
      .set(bearer(w.receptionist));
    assert.equal(tooLong.status, 400);
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.center.parentId! });
    assert.equal(
      (await book(w, 'xlsx', { agencyId: w.center.id, from: '2026-11-01', to: '2026-11-30' }, supervisor)).status,
      200,
    );
  });
});
