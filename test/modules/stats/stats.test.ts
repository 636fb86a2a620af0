import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { makeApp } from '../../support/app.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';

const at = (local: string) => `${local}:00+07:00`;
type Ev = Record<string, unknown>;

/**
 * A known history (hand-computed expectations in the comments): department A (with child B), a
 * sibling C for transfers; procedure of 3 working days; the clock stands at Fri 2026-11-20 15:00.
 */
async function history(w: World) {
  const b = await createAgency({ level: 'commune', parentId: w.department.id, name: 'B con' });
  const c = await createAgency({ level: 'department', parentId: w.department.parentId, name: 'C liên thông' });
  const item = (externalId: string, agencyId: string, received: string, channel: string, events: Ev[]) => ({
    externalId: `${externalId}-${w.department.id}`,
    procedureCode: w.procedure.code,
    agencyId,
    receivingAgencyId: w.center.id,
    channel,
    receivedAt: at(received),
    applicant: { name: 'Công dân' },
    events,
  });
  const A = w.department.id;
  const items = [
    item('d1', A, '2026-09-28T09:00', 'direct', [{ type: 'decided', at: at('2026-10-01T10:00'), outcome: 'approved' }]), // carried over, on time (due 01/10 17:00)
    item('d2', A, '2026-10-05T09:00', 'online', [
      { type: 'decided', at: at('2026-10-06T10:00'), outcome: 'approved' },
      { type: 'rated', at: at('2026-10-07T10:00'), level: 'dissatisfied' },
    ]), // early, rated dissatisfied
    item('d3', A, '2026-10-05T09:00', 'direct', [
      { type: 'extended', at: at('2026-10-07T10:00'), reason: 'Chờ liên ngành', promisedAt: at('2026-10-12T17:00') },
      { type: 'decided', at: at('2026-10-09T10:00'), outcome: 'approved' },
    ]), // due 08/10: late despite the apology
    item('d4', A, '2026-10-12T09:00', 'postal', []), // open, due 15/10 → overdue at 01/11
    item('d5', A, '2026-10-28T09:00', 'online', []), // open, due 02/11 → within at 01/11
    item('d6', A, '2026-10-20T09:00', 'direct', [
      { type: 'supplement_requested', at: at('2026-10-21T10:00') },
      { type: 'supplement_received', at: at('2026-11-03T09:00') },
    ]), // paused over the period end → within
    item('d7', A, '2026-10-13T09:00', 'direct', [
      { type: 'paused', at: at('2026-10-14T10:00'), reason: 'financial_obligation' },
      { type: 'withdrawn', at: at('2026-10-15T10:00') },
    ]), // withdrawn during a pause
    item('d8', A, '2026-10-06T09:00', 'direct', [
      { type: 'supplement_requested', at: at('2026-10-06T10:00') },
      { type: 'supplement_received', at: at('2026-10-07T09:00') },
      { type: 'supplement_requested', at: at('2026-10-07T10:00'), again: true },
      { type: 'supplement_received', at: at('2026-10-08T09:00') },
      { type: 'decided', at: at('2026-10-09T09:00'), outcome: 'approved' },
    ]), // early; late in the index
    item('d9', A, '2026-10-05T09:00', 'direct', [
      { type: 'transferred', at: at('2026-10-06T09:00'), toAgencyId: c.id },
      { type: 'decided', at: at('2026-10-07T10:00'), outcome: 'approved' },
    ]), // counts for C: early
    item('d10', A, '2026-10-26T09:00', 'direct', [
      { type: 'transferred', at: at('2026-11-05T09:00'), toAgencyId: c.id },
    ]), // October: A, overdue; November: C
    item('d11', b.id, '2026-10-07T09:00', 'direct', [
      { type: 'decided', at: at('2026-10-08T10:00'), outcome: 'approved' },
    ]), // B: early
    item('d12', A, '2026-09-10T09:00', 'direct', [
      { type: 'decided', at: at('2026-11-10T10:00'), outcome: 'approved' },
    ]), // carried over twice, late in November
  ];
  const res = await request(w.app).post('/api/v1/dossiers/import').set(bearer(w.admin)).send({ items }).expect(200);
  assert.ok(
    res.body.results.every((r: { status: string }) => r.status === 'created'),
    JSON.stringify(res.body.results),
  );
  return { b, c };
}

const columns = [
  'receivedOnline',
  'receivedDirect',
  'carriedOver',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'withdrawn',
  'inProgressWithin',
  'inProgressOverdue',
];
const pick = (row: Record<string, unknown>) => columns.map((c) => row[c]);

describe('stats: period figures from known histories (domain B4, B5)', () => {
  let w: World;
  let b: { id: string };
  let c: { id: string };
  let supervisor: Parameters<typeof bearer>[0];
  const stats = (path: string, query: object) =>
    request(w.app).get(`/api/v1/stats/${path}`).query(query).set(bearer(supervisor));

  before(async () => {
    w = await buildWorld({ start: '2026-11-20T15:00' });
    ({ b, c } = await history(w));
    supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
  });

  it('October, calendar window: every column of the department, its child and the transfer target', async () => {
    const own = await stats('agencies', { period: '2026-10', rollup: false }).expect(200);
    const row = (id: string) => own.body.rows.find((r: { agencyId: string }) => r.agencyId === id);
    //                                      onl dir car ear ont lat wd  in  ovd
    assert.deepEqual(pick(row(w.department.id)), [2, 6, 2, 2, 1, 1, 1, 2, 3]);
    assert.equal(row(w.department.id).onTimeRate, 0.75);
    assert.deepEqual(pick(row(b.id)), [0, 1, 0, 1, 0, 0, 0, 0, 0]);
    assert.deepEqual(pick(row(c.id)), [0, 1, 0, 1, 0, 0, 0, 0, 0]);
    assert.deepEqual(own.body.period, { label: '2026-10', from: '2026-10-01', to: '2026-10-31', window: 'calendar' });
    assert.equal(own.body.source, 'live');
  });

  it('roll-up: an agency with its subtree is the sum of both', async () => {
    const res = await stats('agencies', { period: '2026-10', agencyId: w.department.id }).expect(200);
    assert.equal(res.body.rows.length, 1);
    assert.deepEqual(pick(res.body.rows[0]), [2, 7, 2, 3, 1, 1, 1, 2, 3]);
  });

  it('October, reporting window (15/09–14/10)', async () => {
    const res = await stats('agencies', {
      period: '2026-10',
      window: 'report',
      agencyId: w.department.id,
      rollup: false,
    }).expect(200);
    assert.deepEqual(res.body.period, { label: '2026-10', from: '2026-09-15', to: '2026-10-14', window: 'report' });
    assert.deepEqual(pick(res.body.rows[0]), [1, 5, 1, 2, 1, 1, 0, 2, 1]);
  });

  it('November: the dossier transferred after October counts for the new agency; the carried-over one is late', async () => {
    const own = await stats('agencies', { period: '2026-11', rollup: false }).expect(200);
    const row = (id: string) => own.body.rows.find((r: { agencyId: string }) => r.agencyId === id);
    assert.deepEqual(pick(row(c.id)), [0, 0, 1, 0, 0, 0, 0, 0, 1]);
    const a = row(w.department.id);
    assert.equal(a.carriedOver, 4);
    assert.equal(a.resolvedLate, 1);
  });

  it('the identities of B4 hold for every row', async () => {
    for (const period of ['2026-09', '2026-10', '2026-11', '2026-Q4', '2026']) {
      for (const window of ['calendar', 'report']) {
        const res = await stats('agencies', { period, window }).expect(200);
        for (const r of res.body.rows) {
          const received = r.receivedOnline + r.receivedDirect + r.carriedOver;
          const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
          assert.equal(
            received,
            resolved + r.withdrawn + r.inProgressWithin + r.inProgressOverdue,
            `${period} ${window} ${r.agencyName}`,
          );
        }
      }
    }
  });

  it('the index feed: a second supplement is late for the index only; an apology changes nothing', async () => {
    const res = await stats('index', { period: '2026-10', agencyId: w.department.id, rollup: false }).expect(200);
    const r = res.body.rows[0];
    assert.deepEqual(r.progress766, { onTime: 5, total: 10, rate: 0.5, points: 10 });
    assert.deepEqual(r.onlineShare766, { online: 2, total: 8, rate: 0.25, points: 6 });
    assert.deepEqual(r.satisfaction766, { ratings: 1, dissatisfied: 1, total: 10, rate: 0.4, points: 2.67 });
    assert.deepEqual(r.parOnTime, { rate: 0.75, points: 0 });
    assert.equal(r.ruleVersion, res.body.ruleVersion);

    // The scales are settings; figures made with other scales carry another rule version.
    const other = makeApp({ clock: w.clock, env: { INDEX_PROGRESS_POINTS: '10', PAR_SCALE: '0.7:1,0:0' } }).app;
    const scaled = (
      await request(other)
        .get('/api/v1/stats/index')
        .query({ period: '2026-10', agencyId: w.department.id, rollup: false })
        .set(bearer(supervisor))
        .expect(200)
    ).body.rows[0];
    assert.deepEqual([scaled.progress766.points, scaled.parOnTime.points], [5, 1]);
    assert.match(scaled.ruleVersion, /^B5-2026\.12\+[0-9a-f]{8}$/);
    assert.equal(r.ruleVersion, 'B5-2026.12');
  });

  it('per procedure, and scoping: a supervisor never sees another subtree', async () => {
    const res = await stats('procedures', { period: '2026-10', agencyId: w.department.id, rollup: false }).expect(200);
    assert.equal(res.body.rows.length, 1);
    assert.deepEqual(pick(res.body.rows[0]), [2, 6, 2, 2, 1, 1, 1, 2, 3]);
    const stranger = await createUser({ roles: ['supervisor'] });
    const other = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query({ period: '2026-10', agencyId: w.department.id })
      .set(bearer(stranger))
      .expect(404);
    assert.equal(other.body.code, 'AGENCY_NOT_FOUND');
    const own = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query({ period: '2026-10' })
      .set(bearer(stranger))
      .expect(200);
    assert.ok(own.body.rows.every((row: { agencyId: string }) => row.agencyId === stranger.agencyId));
    await request(w.app).get('/api/v1/stats/agencies').query({ period: '2026-10' }).set(bearer(w.officer)).expect(403);
    await request(w.app).get('/api/v1/stats/agencies').query({ period: '2026-13' }).set(bearer(supervisor)).expect(400);
    assert.equal(
      (await request(w.app).get('/api/v1/stats/agencies').set(bearer(supervisor)).expect(400)).body.code,
      'PERIOD_INVALID',
    );
  });

  /** The figures of a table row in the official column order, from the JSON answer. */
  const official = (r: Record<string, number>) => [
    r.receivedOnline! + r.receivedDirect! + r.carriedOver!,
    r.receivedOnline,
    r.receivedDirect,
    r.carriedOver,
    r.resolvedEarly! + r.resolvedOnTime! + r.resolvedLate!,
    r.resolvedEarly,
    r.resolvedOnTime,
    r.resolvedLate,
    r.withdrawn,
    r.inProgressWithin! + r.inProgressOverdue!,
    r.inProgressWithin,
    r.inProgressOverdue,
  ];

  it('exports CSV laid out like form II.06a, with the same numbers as the JSON', async () => {
    const json = await stats('agencies', { period: '2026-10', agencyId: w.department.id }).expect(200);
    const res = await stats('agencies', { period: '2026-10', agencyId: w.department.id, format: 'csv' }).expect(200);
    assert.match(res.headers['content-type']!, /text\/csv/);
    assert.match(res.headers['content-disposition']!, /thong-ke-co-quan-2026-10-calendar\.csv/);
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], '"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"', 'a cell with a comma is quoted');
    assert.match(lines[1]!, /từ ngày 01\/10\/2026 đến ngày 31\/10\/2026/);
    assert.match(lines[2]!, /Thời điểm lập/);
    assert.match(lines[4]!, /^Cơ quan,Tổng số hồ sơ tiếp nhận,/);
    const cells = lines[5]!.split(',');
    assert.deepEqual(cells.slice(1, 13).map(Number), official(json.body.rows[0]));
    assert.equal(Number(cells[13]), json.body.rows[0].onTimeRate * 100);
  });

  const binary = (response: request.Response, done: (err: Error | null, body: unknown) => void) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const workbook = async (body: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as Parameters<typeof book.xlsx.load>[0]);
    return book.getWorksheet('II.06a')!;
  };

  it('exports the official sheet II.06a as XLSX: title block, merged numbered headers, total first, the agency named', async () => {
    const json = await stats('procedures', { period: '2026-10', agencyId: w.department.id, rollup: false }).expect(200);
    const res = await stats('procedures', {
      period: '2026-10',
      agencyId: w.department.id,
      rollup: false,
      format: 'xlsx',
    })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const sheet = await workbook(res.body as Buffer);
    assert.equal(sheet.getCell('A1').value, 'Biểu số II.06a/VPCP/KSTT');
    assert.equal(sheet.getCell('H1').value, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    assert.equal(sheet.getCell('H2').value, 'Độc lập - Tự do - Hạnh phúc');
    assert.equal(sheet.getCell('A4').value, 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    assert.match(String(sheet.getCell('A6').value), /từ ngày 01\/10\/2026 đến ngày 31\/10\/2026/);
    assert.equal(sheet.getCell('A7').value, `Đơn vị báo cáo: ${json.body.agencyName}`);
    assert.equal(json.body.agencyName, w.department.name);
    assert.equal(sheet.getCell('B10').value, 'Thủ tục hành chính');
    assert.equal(sheet.getCell('C10').value, 'Số hồ sơ nhận giải quyết');
    assert.equal(sheet.getCell('F10').isMerged && sheet.getCell('F10').master.address, 'C10');
    assert.equal(sheet.getCell('G10').value, 'Kết quả giải quyết');
    assert.equal(sheet.getCell('N11').master.address, 'L11');
    assert.deepEqual(
      (sheet.getRow(13).values as unknown[]).slice(1),
      Array.from({ length: 15 }, (_, i) => `(${i + 1})`),
    );
    assert.equal(sheet.getCell('B14').value, 'Tổng số');
    assert.deepEqual((sheet.getRow(14).values as unknown[]).slice(3, 15), official(json.body.rows[0]));
    const first = json.body.rows[0];
    assert.equal(sheet.getCell('B15').value, `${first.procedureName} (${first.procedureCode})`);
    assert.deepEqual((sheet.getRow(15).values as unknown[]).slice(3, 15), official(first));
    assert.equal(sheet.getCell('O15').value, 0.75);
    assert.equal(sheet.getCell('O15').numFmt, '0.00%');
    assert.deepEqual(sheet.getCell('C15').border.top, { style: 'thin' });
    assert.equal(sheet.pageSetup.orientation, 'landscape');
    assert.equal(sheet.pageSetup.fitToWidth, 1);
    const texts = sheet.getSheetValues().flat().map(String);
    assert.ok(texts.includes('THỦ TRƯỞNG ĐƠN VỊ') && texts.includes('NGƯỜI LẬP BIỂU'));
    assert.ok(
      texts.some((t) => /, ngày 20 tháng 11 năm 2026$/.test(t)),
      'Vietnamese date line',
    );
  });

  it('lays agencies out in tree order (child under parent), in XLSX and in PDF, with the same numbers', async () => {
    const json = await stats('agencies', { period: '2026-10' }).expect(200);
    const sheet = await workbook(
      (await stats('agencies', { period: '2026-10', format: 'xlsx' }).buffer(true).parse(binary).expect(200))
        .body as Buffer,
    );
    const names = [];
    for (let r = 14; r <= 14 + json.body.rows.length; r++) names.push(String(sheet.getCell(r, 2).value));
    assert.match(names[0]!, /^Tổng số \(/, 'the province row is the total, first');
    const dept = names.indexOf(w.department.name);
    assert.equal(names[dept + 1], 'B con', 'a child follows its parent');
    assert.equal(sheet.getCell(14 + dept + 1, 1).value, `${String(sheet.getCell(14 + dept, 1).value)}.1`);
    assert.equal(sheet.getCell(14 + dept + 1, 2).alignment.indent, 2);
    const deptJson = json.body.rows.find((r: { agencyId: string }) => r.agencyId === w.department.id);
    assert.deepEqual((sheet.getRow(14 + dept).values as unknown[]).slice(3, 15), official(deptJson));

    const pdf = await stats('agencies', { period: '2026-10', format: 'pdf' }).buffer(true).parse(binary).expect(200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const { PDFParse } = await import('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(pdf.body as Buffer) });
    const text = (await parser.getText()).text.replace(/\s+/g, ' ');
    await parser.destroy();
    for (const e of [
      'Biểu số II.06a/VPCP/KSTT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Kết quả giải quyết',
      '(15)',
      w.department.name,
      'B con',
      'THỦ TRƯỞNG ĐƠN VỊ',
    ]) {
      assert.ok(text.includes(e), `missing ${e}`);
    }
    // Department rolled up with B: on-time rate (early + on time) / resolved, two decimals with a comma.
    const rate = (deptJson.onTimeRate * 100).toFixed(2).replace('.', ',');
    assert.ok(text.includes(`${rate}%`), `missing ${rate}%`);
  });

  it('gives a monthly trend whose months equal the single-month figures', async () => {
    const res = await stats('trend', {
      from: '2026-09',
      to: '2026-11',
      agencyId: w.department.id,
      rollup: false,
    }).expect(200);
    assert.deepEqual(
      res.body.series.map((m: { period: { label: string } }) => m.period.label),
      ['2026-09', '2026-10', '2026-11'],
    );
    const october = await stats('agencies', { period: '2026-10', agencyId: w.department.id, rollup: false }).expect(
      200,
    );
    assert.deepEqual(pick(res.body.series[1]), pick(october.body.rows[0]));
    await stats('trend', { from: '2026-11', to: '2026-09', agencyId: w.department.id }).expect(400);
  });
});
