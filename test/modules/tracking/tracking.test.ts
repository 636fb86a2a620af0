import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { ratings } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { buildWorld } from '../dossiers/world.js';

describe('public tracking (no account)', () => {
  it('shows status, procedure, agency, promised time and steps with a masked name, and no personal data', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const res = await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: d.lookupPin }).expect(200);
    assert.equal(res.body.code, d.code);
    assert.equal(res.body.status, 'received');
    assert.equal(res.body.applicant.name, 'N***** T** M** A**');
    assert.equal(res.body.promisedAt, '2026-11-26T17:00:00+07:00');
    assert.equal(res.body.remainingWorkingMinutes, (5.5 + 3 * 8) * 60, 'Mon 10:00–17:00 minus lunch, then Tue–Thu');
    assert.equal(res.body.agency.name, w.department.name);
    assert.deepEqual(
      res.body.steps.map((s: { name: string }) => s.name),
      ['Tiếp nhận hồ sơ'],
    );
    const text = JSON.stringify(res.body);
    for (const secret of [
      '001190012345',
      '0912',
      '345 678',
      'phố Hiến',
      'Nguyễn',
      'Mai Anh',
      w.receptionist.id,
      d.id,
    ]) {
      assert.ok(!text.includes(secret), `leaks ${secret}`);
    }
    const byPhone = await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ phone4: '5678' }).expect(200);
    assert.equal(byPhone.body.code, d.code);
    const lower = await request(w.app)
      .get(`/api/v1/public/dossiers/${d.code}`)
      .query({ pin: d.lookupPin.toLowerCase() })
      .expect(200);
    assert.equal(lower.body.code, d.code);
  });

  it('answers an unknown code and a wrong second factor with the same 404', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const wrongPin = await request(w.app)
      .get(`/api/v1/public/dossiers/${d.code}`)
      .query({ pin: d.lookupPin === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA' })
      .expect(404);
    const wrongPhone = await request(w.app)
      .get(`/api/v1/public/dossiers/${d.code}`)
      .query({ phone4: '0000' })
      .expect(404);
    const unknown = await request(w.app)
      .get('/api/v1/public/dossiers/000.00.99.Z99-261123-9999')
      .query({ pin: d.lookupPin })
      .expect(404);
    const strip = (b: { requestId?: string }) => ({ ...b, requestId: undefined });
    assert.deepEqual(strip(wrongPin.body), strip(unknown.body));
    assert.deepEqual(strip(wrongPhone.body), strip(unknown.body));
    await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).expect(400);
    await request(w.app)
      .get(`/api/v1/public/dossiers/${d.code}`)
      .query({ pin: d.lookupPin, phone4: '5678' })
      .expect(400);
  });

  it('stops guessing: failed lookups of one code are limited; lookups per address too', async () => {
    const w = await buildWorld({ env: { PUBLIC_CODE_FAILURE_LIMIT: '3', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000' } });
    const d = await w.intake();
    const wrong = d.lookupPin === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    for (let i = 0; i < 3; i++)
      await request(w.app).get(`/api/v1/public/dossiers/${d.code}`).query({ pin: wrong }).expect(404);
    const blocked = await request(w.app)
      .get(`/api/v1/public/dossiers/${d.code}`)
      .query({ pin: d.lookupPin })
      .expect(429);
    assert.equal(blocked.body.code, 'RATE_LIMITED');
    // Issue 9 item 3a: padding the code in the path does not buy a fresh budget.
    await request(w.app).get(`/api/v1/public/dossiers/%20${d.code}`).query({ pin: d.lookupPin }).expect(429);
    await request(w.app).get(`/api/v1/public/dossiers/${d.code}%20`).query({ pin: wrong }).expect(429);
    const perIp = await buildWorld({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '2' } });
    const e = await perIp.intake();
    await request(perIp.app).get(`/api/v1/public/dossiers/${e.code}`).query({ pin: e.lookupPin }).expect(200);
    await request(perIp.app).get(`/api/v1/public/dossiers/${e.code}`).query({ pin: e.lookupPin }).expect(200);
    await request(perIp.app).get(`/api/v1/public/dossiers/${e.code}`).query({ pin: e.lookupPin }).expect(429);
  });

  it('takes one rating per dossier, after its decision, with the PIN', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const rate = (body: object) =>
      request(w.app)
        .post(`/api/v1/public/dossiers/${d.code}/rating`)
        .send({ pin: d.lookupPin, level: 'satisfied', ...body });
    assert.equal((await rate({}).expect(409)).body.code, 'RATING_NOT_ALLOWED');
    await w.toApproval(d.id);
    await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    await rate({ pin: 'ZZZZZZ' }).expect(404);
    const res = await rate({ level: 'dissatisfied', comment: 'Chờ lâu' }).expect(201);
    assert.equal(res.body.level, 'dissatisfied');
    await rate({}).expect(409);
    const rows = await testDatabase().db.select().from(ratings).where(eq(ratings.dossierId, d.id));
    assert.deepEqual(
      rows.map((r) => r.level),
      ['dissatisfied'],
    );
  });
});
