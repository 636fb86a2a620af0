import { strict as assert } from 'node:assert';
import request from 'supertest';
import { bearer, createUser } from '../../support/factories.js';
import { buildWorld } from '../dossiers/world.js';

describe('stats: where the time went', () => {
  it('counts late steps and the office time each step took, per agency and step', async () => {
    const w = await buildWorld();
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId! });
    const d = await w.intake();
    w.clock.set('2026-11-23T11:00');
    await w.act(d.id, 'forward', w.receptionist, {}).expect(200); // reception: 1 h, on time
    w.clock.set('2026-11-27T10:00');
    await w.act(d.id, 'forward', w.officer, {}).expect(200); // appraisal: due Thu 26/11 17:00 → late; Mon 11:00 → Fri 10:00 = 4.5 + 24 + 2.5 h
    w.clock.set('2026-11-27T10:01'); // E is "now" for a running period, and [S, E) excludes E itself
    const res = await request(w.app)
      .get('/api/v1/stats/steps')
      .query({ period: '2026-11', agencyId: w.department.id })
      .set(bearer(supervisor))
      .expect(200);
    const byStep = Object.fromEntries(res.body.rows.map((r: { step: string }) => [r.step, r]));
    assert.deepEqual(
      [byStep['Thẩm định hồ sơ'].finished, byStep['Thẩm định hồ sơ'].late, byStep['Thẩm định hồ sơ'].workingHours],
      [1, 1, 31],
    );
    assert.deepEqual([byStep['Tiếp nhận hồ sơ'].late, byStep['Tiếp nhận hồ sơ'].workingHours], [0, 1]);
    assert.equal(res.body.rows[0].step, 'Thẩm định hồ sơ', 'the late step comes first');
  });
});
