import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import request from 'supertest';
import { workingTimeText } from '../../../src/modules/dossiers/dossier.presenter.js';
import { buildWorld, type IntakeBody, type World } from '../dossiers/world.js';

const HOUR = 3_600_000;
const look = (w: World, d: IntakeBody) =>
  request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: d.lookupPin }).expect(200);

/** Issue 13: what a citizen with a code could not see. */
describe('public tracking: what the citizen is told', () => {
  it('the items asked for, then the apology and its new date, then the outcome and its reason', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const first = await look(w, d);
    assert.equal(first.body.receivedAt, '2026-11-23T10:00:00+07:00');
    assert.equal(first.body.clockStartAt, '2026-11-23T10:00:00+07:00');
    assert.deepEqual(first.body.remaining, {
      workingDays: 3,
      workingHours: 5,
      minutes: 1770,
      text: 'còn 3 ngày 5 giờ làm việc',
    });
    assert.equal(first.body.supplement, null);
    assert.equal(first.body.outcome, null);
    assert.deepEqual(first.body.collectAt, { name: w.center.name });

    w.clock.set('2026-11-23T14:00');
    await w
      .act(d.id, 'request-supplement', w.receptionist, {
        items: ['Bản sao sổ hộ khẩu', 'Ảnh 4x6'],
        reason: 'Thiếu giấy tờ',
      })
      .expect(200);
    const asked = await look(w, d);
    assert.deepEqual(asked.body.supplement, {
      items: ['Bản sao sổ hộ khẩu', 'Ảnh 4x6'],
      reason: 'Thiếu giấy tờ',
      requestedAt: '2026-11-23T14:00:00+07:00',
    });
    assert.match(asked.body.remaining.text, /^đang tạm dừng tính thời gian; còn /);

    w.clock.set('2026-11-24T08:00');
    await w.act(d.id, 'receive-supplement', w.receptionist).expect(200);
    assert.equal((await look(w, d)).body.supplement, null, 'no longer asked');
    await w.toApproval(d.id);
    w.clock.set('2026-11-30T09:00');
    await w
      .act(d.id, 'apologize', w.leader, {
        reason: 'Chờ ý kiến của Sở Tài chính',
        promisedAt: '2026-12-02T17:00:00+07:00',
      })
      .expect(200);
    const sorry = await look(w, d);
    assert.deepEqual(sorry.body.apology, {
      reason: 'Chờ ý kiến của Sở Tài chính',
      promisedAt: '2026-12-02T17:00:00+07:00',
      at: '2026-11-30T09:00:00+07:00',
      kind: 'late',
    });
    assert.equal(sorry.body.promisedAt, '2026-12-02T17:00:00+07:00');
    assert.match(sorry.body.remaining.text, /^quá hạn /);
    assert.ok(sorry.body.remaining.minutes < 0);

    await w.act(d.id, 'decide', w.leader, { outcome: 'rejected', reason: 'Thửa đất đang có tranh chấp' }).expect(200);
    await w.act(d.id, 'return-result', w.receptionist, { method: 'counter' }).expect(200);
    const done = await look(w, d);
    assert.equal(done.body.statusLabel, 'Đã trả kết quả');
    assert.deepEqual(done.body.outcome, {
      code: 'rejected',
      label: 'Từ chối giải quyết',
      reason: 'Thửa đất đang có tranh chấp',
    });
    assert.equal(done.body.returnMethodLabel, 'Nhận tại bộ phận một cửa');
    assert.equal(done.body.remaining, null);
    const text = JSON.stringify(done.body);
    for (const secret of [w.leader.id, w.receptionist.id, w.officer.id, d.id, '0912'])
      assert.ok(!text.includes(secret), `leaks ${secret}`);
  });

  it('rating with only the phone digits says how to get a PIN', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const res = await request(w.app)
      .post(`/api/v1/public/dossiers/${d.code}/rating`)
      .send({ phone4: '5678', level: 'satisfied' })
      .expect(400);
    assert.equal(res.body.code, 'RATING_PIN_REQUIRED');
    assert.match(res.body.detail, /cấp lại/);
    const en = await request(w.app)
      .post(`/api/v1/public/dossiers/${d.code}/rating`)
      .set('Accept-Language', 'en')
      .send({ level: 'satisfied' })
      .expect(400);
    assert.match(en.body.detail, /issue a new one/);
  });

  it('working days and hours add back up to the minutes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 12 }), (minutes, hours) => {
        const t = workingTimeText(minutes, hours * HOUR, false);
        const whole = t.workingDays * hours * 60 + t.workingHours * 60;
        assert.ok(Math.abs(minutes - whole) < 60, `${minutes} → ${t.text}`);
        assert.equal(t.text.startsWith('quá hạn'), minutes < 0);
      }),
    );
  });
});
