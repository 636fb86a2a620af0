import { strict as assert } from 'node:assert';
import request from 'supertest';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';
import { binary, pdfText, TONE_NAME } from './papers.js';

const paper = (w: World, path: string, user = w.receptionist) =>
  request(w.app).get(`/api/v1${path}`).set(bearer(user)).buffer(true).parse(binary);
const textOf = async (res: request.Response) => {
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.headers['content-type'], 'application/pdf');
  return (await pdfText(res.body as Buffer)).text;
};
const includesAll = (text: string, expected: string[]) => {
  for (const e of expected) assert.ok(text.includes(e), `missing "${e}" in: ${text}`);
};

describe('documents: forms 02–05', () => {
  let w: World;
  beforeEach(async () => {
    w = await buildWorld();
  });

  it('form 02 lists the items and the reason of the supplement request, signed by the officer', async () => {
    const d = await w.intake({ applicant: { name: TONE_NAME } });
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    await w.act(d.id, 'assign', w.leader, { assigneeId: w.officer.id }).expect(200);
    const none = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/documents/supplement-request.pdf`)
      .set(bearer(w.receptionist));
    assert.equal(none.status, 409);
    assert.equal(none.body.code, 'DOCUMENT_NOT_AVAILABLE');
    w.clock.set('2026-11-24T09:15');
    const items = ['Bản sao CCCD có chứng thực của người được ủy quyền', 'Giấy ủy quyền có xác nhận của UBND xã'];
    await w
      .act(d.id, 'request-supplement', w.officer, { items, reason: 'Hồ sơ nộp thay chưa có giấy ủy quyền hợp lệ' })
      .expect(200);
    const text = await textOf(await paper(w, `/dossiers/${d.id}/documents/supplement-request.pdf`));
    includesAll(text, [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Kính gửi: Ông/Bà ${TONE_NAME}`,
      d.code,
      w.procedure.name,
      `1. ${items[0]}`,
      `2. ${items[1]}`,
      'Lý do: Hồ sơ nộp thay chưa có giấy ủy quyền hợp lệ',
      'ngày 24 tháng 11 năm 2026',
      'NGƯỜI HƯỚNG DẪN',
      'Nguyễn Văn Thử',
      w.department.name,
    ]);
  });

  it('form 04 shows the original appointment (dueAt), the reason and the new date, signed by the leader', async () => {
    const d = await w.intake();
    w.clock.set('2026-11-25T09:00');
    await w
      .act(d.id, 'apologize', w.leader, {
        reason: 'Chờ ý kiến thẩm định của Sở Xây dựng',
        promisedAt: '2026-12-01T14:30:00+07:00',
      })
      .expect(200);
    const text = await textOf(await paper(w, `/dossiers/${d.id}/documents/apology.pdf`, w.leader));
    includesAll(text, [
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Kính gửi: Ông/Bà Nguyễn Thị Mai Anh',
      `mã hồ sơ: ${d.code}`,
      'Ngày 23 tháng 11 năm 2026',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00, ngày 26 tháng 11 năm 2026',
      'Lý do: Chờ ý kiến thẩm định của Sở Xây dựng',
      '14 giờ 30, ngày 01 tháng 12 năm 2026',
      'THỦ TRƯỞNG CƠ QUAN',
      w.department.name.toUpperCase(),
      'ngày 25 tháng 11 năm 2026',
    ]);
    // The receipt reprinted after the apology shows the new appointment and says so.
    const receipt = await textOf(await paper(w, `/dossiers/${d.id}/documents/receipt.pdf`));
    includesAll(receipt, [
      '(hẹn trả): 14 giờ 30, ngày 01 tháng 12 năm 2026',
      'hẹn ban đầu: 17 giờ 00, ngày 26 tháng 11 năm 2026',
    ]);
  });

  it('form 05 has one row per handover with giver, receiver, times and early / on time / late', async () => {
    const d = await w.intake();
    // Counter step finished the same day before its due: on time (domain B3: early needs an earlier date).
    w.clock.set('2026-11-23T10:30');
    await w.act(d.id, 'forward', w.receptionist, { note: 'Hồ sơ đủ thành phần' }).expect(200);
    w.clock.set('2026-11-23T11:00');
    await w.act(d.id, 'assign', w.leader, { assigneeId: w.officer.id }).expect(200);
    w.clock.set('2026-11-27T09:00'); // after the appraisal step's due (Thu 26/11 17:00): late
    await w.act(d.id, 'forward', w.officer).expect(200);
    const text = await textOf(await paper(w, `/dossiers/${d.id}/documents/control-slip.pdf`));
    includesAll(text, [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      d.code,
      'Cơ quan giải quyết',
      w.department.name,
      'Thời gian nhận hồ sơ: 10:00 23/11/2026',
      'Tiếp nhận hồ sơ',
      'Thẩm định hồ sơ',
      'Phê duyệt kết quả',
      'Nguyễn Thị Mai Anh (người nộp hồ sơ)',
      `Trần Văn Minh (${w.center.name})`,
      `Nguyễn Văn Thử (${w.department.name})`,
      'Đúng hạn',
      'Quá hạn',
      'Đang xử lý',
      'Hồ sơ đủ thành phần',
    ]);
    const stepsJson = (await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(w.receptionist))).body
      .steps as Array<{ classification: string | null }>;
    assert.deepEqual(
      stepsJson.map((s) => s.classification),
      ['on_time', 'late', null],
    );
  });

  it("every dossier form answers 404 outside the caller's scope", async () => {
    const d = await w.intake();
    await w.act(d.id, 'apologize', w.leader, { reason: 'x', promisedAt: '2026-12-01T17:00:00+07:00' }).expect(200);
    const stranger = await createUser({ roles: ['leader'], agencyId: (await createAgency()).id });
    for (const form of ['receipt', 'supplement-request', 'apology', 'control-slip']) {
      const res = await request(w.app).get(`/api/v1/dossiers/${d.id}/documents/${form}.pdf`).set(bearer(stranger));
      assert.equal(res.status, 404, form);
      assert.equal(res.body.code, 'DOSSIER_NOT_FOUND');
    }
  });
});

describe('documents: refusals (form 03)', () => {
  it("lists, reads and prints refusals of the caller's agency only", async () => {
    const w = await buildWorld();
    const refuse = (reasons: string[], name = TONE_NAME) =>
      request(w.app)
        .post('/api/v1/refusals')
        .set(bearer(w.receptionist))
        .send({ procedureCode: w.procedure.code, applicant: { name, phone: '0912345678' }, reasons })
        .expect(201);
    const first = (await refuse(['Thủ tục không thuộc thẩm quyền giải quyết của tỉnh'])).body as { id: string };
    w.clock.set('2026-11-24T08:15');
    const second = (await refuse(['Thiếu tờ khai theo mẫu', 'Giấy tờ tùy thân đã hết hạn'], 'Lê Văn Bình')).body as {
      id: string;
    };

    const page1 = await request(w.app).get('/api/v1/refusals?limit=1').set(bearer(w.receptionist)).expect(200);
    assert.equal(page1.body.items.length, 1);
    assert.equal(page1.body.items[0].id, second.id, 'newest first');
    assert.equal(page1.body.items[0].at, '2026-11-24T08:15:00+07:00');
    const page2 = await request(w.app)
      .get(`/api/v1/refusals?limit=1&cursor=${page1.body.nextCursor}`)
      .set(bearer(w.receptionist))
      .expect(200);
    assert.deepEqual(
      page2.body.items.map((r: { id: string }) => r.id),
      [first.id],
    );
    assert.equal(page2.body.nextCursor, null);
    const dayOne = await request(w.app)
      .get('/api/v1/refusals?from=2026-11-23&to=2026-11-23')
      .set(bearer(w.receptionist))
      .expect(200);
    assert.deepEqual(
      dayOne.body.items.map((r: { id: string }) => r.id),
      [first.id],
    );
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    assert.equal(
      (await request(w.app).get(`/api/v1/refusals?cursor=${forged}`).set(bearer(w.receptionist))).status,
      400,
    );

    const one = await request(w.app).get(`/api/v1/refusals/${second.id}`).set(bearer(w.receptionist)).expect(200);
    assert.deepEqual(one.body.reasons, ['Thiếu tờ khai theo mẫu', 'Giấy tờ tùy thân đã hết hạn']);
    assert.equal(one.body.procedure.code, w.procedure.code);

    const text = await textOf(await paper(w, `/refusals/${first.id}/document.pdf`));
    includesAll(text, [
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      TONE_NAME,
      w.procedure.name,
      'không cấp',
      '1. Thủ tục không thuộc thẩm quyền giải quyết của tỉnh',
      'Trần Văn Minh',
      'ngày 23 tháng 11 năm 2026',
      w.center.name.toUpperCase(),
    ]);

    const stranger = await createUser({
      roles: ['receptionist'],
      agencyId: (await createAgency({ level: 'center' })).id,
    });
    assert.equal((await request(w.app).get(`/api/v1/refusals/${first.id}`).set(bearer(stranger))).status, 404);
    assert.equal(
      (await request(w.app).get(`/api/v1/refusals/${first.id}/document.pdf`).set(bearer(stranger))).status,
      404,
    );
    assert.deepEqual((await request(w.app).get('/api/v1/refusals').set(bearer(stranger)).expect(200)).body.items, []);
    // The province supervisor sees its subtree's refusals.
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.center.parentId! });
    assert.equal(
      (await request(w.app).get('/api/v1/refusals').set(bearer(supervisor)).expect(200)).body.items.length,
      2,
    );
  });
});

describe('documents: API reference', () => {
  it('lists every document endpoint under the "documents" tag, each saying who may fetch it', async () => {
    const w = await buildWorld();
    const doc = (await request(w.app).get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { tags: string[]; summary: string }>>;
    };
    const documents = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.values(ops)
        .filter((op) => op.tags.includes('documents'))
        .map((op) => ({ path, op })),
    );
    const paths = documents.map((d) => d.path).sort();
    for (const p of [
      '/api/v1/dossiers/{id}/documents/receipt.pdf',
      '/api/v1/dossiers/{id}/documents/control-slip.pdf',
      '/api/v1/documents/tracking-book.xlsx',
      '/api/v1/refusals/{id}/document.pdf',
    ])
      assert.ok(paths.includes(p), `${p} missing from ${paths.join(', ')}`);
    assert.equal(documents.length, 9);
    for (const { path, op } of documents) assert.match(op.summary, /Who: /, path);
  });
});
