import { strict as assert } from 'node:assert';
import QRCode from 'qrcode';
import request from 'supertest';
import { QR_OPTIONS, trackingUrl } from '../../../src/modules/documents/forms/receipt.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';
import { binary, decodeQr, hasPdftoppm, pdfText, rasterise, TONE_NAME } from './papers.js';

const receipt = (w: World, id: string, user = w.receptionist) =>
  request(w.app).get(`/api/v1/dossiers/${id}/documents/receipt.pdf`).set(bearer(user)).buffer(true).parse(binary);

describe('documents: form 01 receipt and appointment', () => {
  let w: World;
  beforeEach(async () => {
    // Thu 05/03/2026 14:30 local: dates and times print as "ngày 05 tháng 3 năm 2026", "14 giờ 30".
    w = await buildWorld({ start: '2026-03-05T14:30', env: { PUBLIC_BASE_URL: 'https://dichvucong.hungyen.gov.vn/' } });
  });

  it('prints every field of the intake, in Vietnamese, with the applicant name intact', async () => {
    const d = await w.intake({
      applicant: {
        name: TONE_NAME,
        idNumber: '001190012345',
        phone: '0912 345 678',
        address: 'Số 5 phố Hiến, phường Hồng Châu',
      },
      components: [
        { name: 'Tờ khai đăng ký khai sinh', copies: 1 },
        { name: 'Giấy chứng sinh (bản chính)', copies: 2 },
      ],
    });
    const res = await receipt(w, d.id);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['cache-control'], 'no-store');
    const { text, pages } = await pdfText(res.body as Buffer);
    assert.equal(pages, 1);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      w.center.name.toUpperCase(),
      `Mã hồ sơ: ${d.code}`,
      TONE_NAME,
      '001190012345',
      'Số 5 phố Hiến, phường Hồng Châu',
      '0912 345 678',
      w.procedure.name,
      w.department.name,
      'Tờ khai đăng ký khai sinh',
      'Giấy chứng sinh (bản chính)',
      '02',
      'ngày 05 tháng 3 năm 2026',
      'Thời gian nhận hồ sơ: 14 giờ 30, ngày 05 tháng 3 năm 2026',
      // 3 working days from Thu 05/03 14:30 → Tue 10/03 17:00 (domain B2: the receipt day is not counted).
      'Thời gian trả kết quả giải quyết hồ sơ (hẹn trả): 17 giờ 00, ngày 10 tháng 3 năm 2026',
      '3 ngày làm việc',
      'Nhận trực tiếp tại Bộ phận Một cửa',
      'Mã tra cứu (PIN) đã được giao cho người nộp khi tiếp nhận hồ sơ',
      'Trần Văn Minh',
    ])
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    // A long address may wrap after a hyphen: compare without spaces.
    assert.ok(text.replace(/\s/g, '').includes(`https://dichvucong.hungyen.gov.vn/tra-cuu/${d.code}`));
    assert.ok(!text.includes(d.lookupPin), 'the PIN is printed only when the client supplies it');
    assert.equal(d.dueAt, '2026-03-10T17:00:00+07:00');
  });

  it('prints the PIN only when X-Lookup-Pin matches the stored hash; a wrong one is refused', async () => {
    const d = await w.intake();
    const ok = await receipt(w, d.id).set('X-Lookup-Pin', d.lookupPin.toLowerCase());
    assert.equal(ok.status, 200);
    assert.ok((await pdfText(ok.body as Buffer)).text.includes(`Mã tra cứu (PIN): ${d.lookupPin}`));
    const wrong = d.lookupPin === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    const bad = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/documents/receipt.pdf`)
      .set(bearer(w.receptionist))
      .set('X-Lookup-Pin', wrong);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'LOOKUP_PIN_MISMATCH');
    const malformed = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/documents/receipt.pdf`)
      .set(bearer(w.receptionist))
      .set('X-Lookup-Pin', 'x');
    assert.equal(malformed.status, 400);
    const inQuery = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/documents/receipt.pdf?pin=${d.lookupPin}`)
      .set(bearer(w.receptionist));
    assert.equal(inQuery.status, 400, 'the PIN is never accepted in the query string');
  });

  it('carries a QR code that decodes to the tracking URL, without the PIN', async () => {
    const d = await w.intake();
    const res = await receipt(w, d.id).set('X-Lookup-Pin', d.lookupPin);
    const url = trackingUrl('https://dichvucong.hungyen.gov.vn', d.code);
    // The same payload and options the PDF draws, rendered to PNG and read back.
    assert.equal(decodeQr(await QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', scale: 6 })), url);
    if (hasPdftoppm()) {
      const decoded = decodeQr(rasterise(res.body as Buffer, 1, 150));
      assert.equal(decoded, url);
      assert.ok(!decoded.includes(d.lookupPin));
    }
  });

  it('reprints identical bytes, and an 80 mm layout for receipt printers', async () => {
    const d = await w.intake();
    const first = await receipt(w, d.id);
    w.clock.t += 3_600_000;
    const second = await receipt(w, d.id);
    assert.ok(Buffer.compare(first.body as Buffer, second.body as Buffer) === 0, 'a reprint is byte-identical');
    // The PDF's own dates are the receipt instant (14:30 local = 07:30 UTC), not the print time.
    assert.match((first.body as Buffer).toString('latin1'), /\(D:20260305073000Z\)/);
    const narrow = await request(w.app)
      .get(`/api/v1/dossiers/${d.id}/documents/receipt.pdf?layout=80mm`)
      .set(bearer(w.receptionist))
      .buffer(true)
      .parse(binary);
    assert.equal(narrow.status, 200);
    const { text } = await pdfText(narrow.body as Buffer);
    assert.ok(text.includes(d.code) && text.includes('GIẤY TIẾP NHẬN'));
    assert.ok(!(narrow.body as Buffer).equals(first.body as Buffer));
  });

  it('continues a long list of components on a second page without losing any', async () => {
    const components = Array.from({ length: 40 }, (_, i) => ({
      name: `Giấy tờ số ${i + 1}: bản sao có chứng thực giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất`,
      copies: 1,
    }));
    const d = await w.intake({ components });
    const { text, pages } = await pdfText((await receipt(w, d.id)).body as Buffer);
    assert.ok(pages >= 2, `expected a second page, got ${pages}`);
    for (let i = 1; i <= 40; i++) assert.ok(text.includes(`Giấy tờ số ${i}:`), `component ${i} missing`);
  });

  it("answers 404 outside the caller's scope, like reading the dossier", async () => {
    const d = await w.intake();
    const stranger = await createUser({
      roles: ['receptionist'],
      agencyId: (await createAgency({ level: 'center' })).id,
    });
    const res = await request(w.app).get(`/api/v1/dossiers/${d.id}/documents/receipt.pdf`).set(bearer(stranger));
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'DOSSIER_NOT_FOUND');
    assert.equal((await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(stranger))).status, 404);
    // The handling department may print it too (it sees the dossier).
    assert.equal((await receipt(w, d.id, w.officer)).status, 200);
  });
});
