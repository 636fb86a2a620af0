import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { ratings } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { buildWorld, type World } from '../dossiers/world.js';

const form = (app: World['app'], path: string, body: Record<string, string>) =>
  request(app).post(path).type('form').send(body);

async function decidedWorld() {
  const w = await buildWorld();
  const d = await w.intake();
  w.clock.set('2026-11-23T10:30');
  await w.act(d.id, 'forward', w.receptionist, {}).expect(200);
  await w.act(d.id, 'assign', w.leader, { assigneeId: w.officer.id }).expect(200);
  w.clock.set('2026-11-24T09:00');
  await w.act(d.id, 'forward', w.officer, {}).expect(200);
  w.clock.set('2026-11-24T10:00');
  await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
  return { w, d };
}

describe('pages: citizen tracking /tra-cuu (issue 11)', () => {
  it('serves the form with labels and a CSP without unsafe-inline', async () => {
    const w = await buildWorld();
    const res = await request(w.app).get('/tra-cuu').expect(200).expect('content-type', /html/);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    for (const id of ['code', 'pin', 'phone4']) assert.match(res.text, new RegExp(`<label for="${id}">`));
    assert.match(res.text, /<html lang="vi">/);
    assert.doesNotMatch(res.text, /<script>|style="/);
  });

  it('opens from the QR link with the code filled in, and hands the code-less form on with 307', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const qr = await request(w.app).get(`/tra-cuu/${d.code}`).expect(200);
    assert.match(qr.text, new RegExp(`value="${d.code}"`));
    assert.match(qr.text, new RegExp(`action="/tra-cuu/${d.code}"`));
    const start = await form(w.app, '/tra-cuu', { code: d.code, pin: d.lookupPin }).expect(307);
    assert.equal(start.headers.location, `/tra-cuu/${d.code}`);
  });

  it('shows status, procedure, agency, appointment, remaining time and steps, with the masked name only', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const res = await form(w.app, `/tra-cuu/${d.code}`, { code: d.code, pin: d.lookupPin, phone4: '' }).expect(200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const json = (await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: d.lookupPin }).expect(200))
      .body;
    for (const text of [
      json.statusLabel,
      json.procedure.name,
      json.agency.name,
      json.applicant.name,
      'Tiếp nhận hồ sơ',
    ])
      assert.ok(res.text.includes(text), text);
    assert.ok(res.text.includes('10:00 ngày 23/11/2026'));
    assert.match(res.text, /còn \d+ giờ \d+ phút làm việc|còn \d+ ngày/);
    for (const secret of ['Nguyễn Thị Mai Anh', '001190012345', '0912 345 678', 'Hiến', w.receptionist.fullName])
      assert.ok(!res.text.includes(secret), secret);
    const byPhone = await form(w.app, `/tra-cuu/${d.code}`, { phone4: '5678' }).expect(200);
    assert.ok(byPhone.text.includes(json.statusLabel));
  });

  it("answers a wrong PIN exactly like an unknown code, with the JSON endpoint's 404", async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const unknown = d.code.replace(/\d{4}$/, '9999');
    const wrong = await form(w.app, `/tra-cuu/${d.code}`, { pin: 'ZZZZZ9' }).expect(404);
    const none = await form(w.app, `/tra-cuu/${unknown}`, { pin: 'ZZZZZ9' }).expect(404);
    assert.equal(wrong.text.split(d.code).join('<code>'), none.text.split(unknown).join('<code>'));
    assert.ok(wrong.text.includes('Không tìm thấy hồ sơ.'));
    await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: 'ZZZZZ9' }).expect(404);
  });

  it('shares the per-code failure budget with the JSON endpoint', async () => {
    const w = await buildWorld({ env: { PUBLIC_CODE_FAILURE_LIMIT: '3' } });
    const d = await w.intake();
    for (let i = 0; i < 3; i++) await form(w.app, `/tra-cuu/${d.code}`, { pin: 'WRONG1' }).expect(404);
    const page = await form(w.app, `/tra-cuu/${d.code}`, { pin: d.lookupPin }).expect(429);
    assert.ok(page.text.includes('Quá nhiều yêu cầu'));
    await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: d.lookupPin }).expect(429);
  });

  it('refuses a form with neither or both factors, and unknown fields, with a 400 page', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const neither = await form(w.app, `/tra-cuu/${d.code}`, { pin: '', phone4: '' }).expect(400);
    assert.match(neither.text, /role="alert"/);
    await form(w.app, `/tra-cuu/${d.code}`, { pin: d.lookupPin, phone4: '5678' }).expect(400);
    await form(w.app, `/tra-cuu/${d.code}`, { pin: d.lookupPin, admin: '1' }).expect(400);
    await form(w.app, '/tra-cuu', { code: '<script>' }).expect(400);
  });

  it('escapes what it echoes: a hostile code in the path never becomes markup', async () => {
    const w = await buildWorld();
    const res = await request(w.app).get('/tra-cuu/%3Cscript%3Ealert(1)%3C%2Fscript%3E').expect(200);
    assert.ok(!res.text.includes('<script>alert(1)'));
    const posted = await form(w.app, '/tra-cuu/%22%3E%3Cimg%20src%3Dx%3E', { pin: 'ABCDEF' }).expect(400);
    assert.ok(!posted.text.includes('"><img'));
  });

  it('offers the rating once decided, stores it through the write path, and refuses a second one', async () => {
    const { w, d } = await decidedWorld();
    const page = await form(w.app, `/tra-cuu/${d.code}`, { pin: d.lookupPin }).expect(200);
    assert.ok(page.text.includes('Đánh giá mức độ hài lòng'));
    assert.ok(page.text.includes('Đã có kết quả'));
    const rated = await form(w.app, `/tra-cuu/${d.code}/danh-gia`, {
      pin: d.lookupPin,
      level: 'very_satisfied',
      comment: 'Nhanh gọn',
    }).expect(200);
    assert.ok(rated.text.includes('Cảm ơn bạn đã đánh giá'));
    const [stored] = await testDatabase().db.select().from(ratings).where(eq(ratings.dossierId, d.id));
    assert.equal(stored?.level, 'very_satisfied');
    assert.equal(stored?.comment, 'Nhanh gọn');
    const again = await form(w.app, `/tra-cuu/${d.code}/danh-gia`, { pin: d.lookupPin, level: 'dissatisfied' });
    assert.ok(again.status >= 400 && again.status < 500, String(again.status));
    assert.match(again.text, /role="alert"/);
    const [still] = await testDatabase().db.select().from(ratings).where(eq(ratings.dossierId, d.id));
    assert.equal(still?.level, 'very_satisfied');
  });

  it('does not offer the rating before the decision and refuses one posted anyway', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const page = await form(w.app, `/tra-cuu/${d.code}`, { pin: d.lookupPin }).expect(200);
    assert.ok(!page.text.includes('Đánh giá mức độ hài lòng'));
    const early = await form(w.app, `/tra-cuu/${d.code}/danh-gia`, { pin: d.lookupPin, level: 'satisfied' });
    assert.equal(early.status, 409);
    assert.equal((await testDatabase().db.select().from(ratings).where(eq(ratings.dossierId, d.id))).length, 0);
  });
});

describe('pages: staff desks and assets (issue 11)', () => {
  it('serves the counter and the dashboard shells and every script they load, from this origin', async () => {
    const w = await buildWorld();
    for (const path of ['/quay', '/bang-dieu-khien']) {
      const res = await request(w.app).get(path).expect(200);
      assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-inline/);
      const scripts = [...res.text.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(scripts.length > 0);
      for (const src of [...scripts, '/assets/site.css', '/assets/staff.js']) {
        const asset = await request(w.app).get(src).expect(200);
        assert.match(String(asset.headers['content-type']), /javascript|css/);
      }
    }
    const chart = await request(w.app).get('/assets/vendor/chart.umd.min.js').expect(200);
    assert.ok(chart.text.length > 100_000);
    await request(w.app).get('/assets/../../package.json').expect(404);
    await request(w.app).get('/assets/nope.js').expect(404);
  });

  it('shows what is missing, the apology and its new date, the outcome and its reason, and where to collect (issue 13)', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    w.clock.set('2026-11-23T14:00');
    await w
      .act(d.id, 'request-supplement', w.receptionist, {
        items: ['Bản sao sổ hộ khẩu'],
        reason: 'Thiếu giấy tờ <b>gốc</b>',
      })
      .expect(200);
    const asked = await form(w.app, `/tra-cuu/${d.code}`, { pin: d.lookupPin }).expect(200);
    assert.match(asked.text, /Cần bổ sung hồ sơ/);
    assert.match(asked.text, /Bản sao sổ hộ khẩu/);
    assert.match(asked.text, /Thiếu giấy tờ &lt;b&gt;gốc&lt;\/b&gt;/, 'staff text is escaped');
    w.clock.set('2026-11-24T08:00');
    await w.act(d.id, 'receive-supplement', w.receptionist).expect(200);
    await w.toApproval(d.id);
    w.clock.set('2026-11-30T09:00');
    await w
      .act(d.id, 'apologize', w.leader, {
        reason: 'Chờ ý kiến của Sở Tài chính',
        promisedAt: '2026-12-02T17:00:00+07:00',
      })
      .expect(200);
    await w.act(d.id, 'decide', w.leader, { outcome: 'rejected', reason: 'Thửa đất đang có tranh chấp' }).expect(200);
    const done = await form(w.app, `/tra-cuu/${d.code}`, { pin: d.lookupPin }).expect(200);
    assert.match(done.text, /Chờ ý kiến của Sở Tài chính/);
    assert.match(done.text, /17:00 ngày 02\/12\/2026/);
    assert.match(done.text, /Từ chối giải quyết/);
    assert.match(done.text, /Thửa đất đang có tranh chấp/);
    assert.match(done.text, new RegExp(w.center.name));
    assert.doesNotMatch(done.text, /Cần bổ sung hồ sơ/);
  });
});
