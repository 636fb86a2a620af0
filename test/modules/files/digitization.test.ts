import { strict as assert } from 'node:assert';
import request from 'supertest';
import { bearer } from '../../support/factories.js';
import { buildFilesWorld, samples, twoComponents } from './files-world.js';

type Part = { count: number; total: number; rate: number | null; points: number | null };

describe('files: Decision 766 digitisation figures in the index feed', () => {
  it('counts digitised intakes, electronic results and reuse on a known small history', async () => {
    const w = await buildFilesWorld();
    const decide = async (id: string) => {
      await w.act(id, 'forward', w.officer).expect(200);
      await w.act(id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    };
    // A: both components scanned at the counter; result attached before the decision; returned.
    const a = await w.intake(twoComponents);
    const idCard = await w.upload(a.id, w.receptionist, { componentIndex: 0, content: samples.pdf('A0') }).expect(201);
    await w.upload(a.id, w.receptionist, { componentIndex: 1, content: samples.pdf('A1') }).expect(201);
    w.clock.set('2026-11-23T11:00');
    await w.act(a.id, 'forward', w.receptionist).expect(200);
    await w.upload(a.id, w.officer, { kind: 'result', content: samples.pdf('result A') }).expect(201);
    await decide(a.id);
    await w.act(a.id, 'return-result', w.receptionist, { method: 'counter' }).expect(200);
    // B: one component at intake, the other only after reception ended; decided without a result file.
    const b = await w.intake(twoComponents);
    await w.upload(b.id, w.receptionist, { componentIndex: 0, content: samples.pdf('B0') }).expect(201);
    await w.act(b.id, 'forward', w.receptionist).expect(200);
    const late = await w.upload(b.id, w.receptionist, { componentIndex: 1, content: samples.pdf('B1') }).expect(201);
    assert.equal(late.body.digitized, false);
    await decide(b.id);
    // C: one component reused from A (same applicant), the other scanned; still open.
    const c = await w.intake(twoComponents);
    await request(w.app)
      .post(`/api/v1/dossiers/${c.id}/files`)
      .set(bearer(w.receptionist))
      .send({ kind: 'component', componentIndex: 0, reuseSha256: idCard.body.sha256 })
      .expect(201);
    await w.upload(c.id, w.receptionist, { componentIndex: 1, content: samples.pdf('C1') }).expect(201);
    // D: no files.
    await w.intake(twoComponents);
    w.clock.set('2026-11-24T09:00');

    const res = await request(w.app)
      .get('/api/v1/stats/index')
      .query({ period: '2026-11', agencyId: w.department.id })
      .set(bearer(w.admin))
      .expect(200);
    const row = res.body.rows.find((r: { agencyId: string }) => r.agencyId === w.department.id);
    const dig = row.digitization766 as {
      digitizedAtIntake: Part;
      electronicResults: Part;
      reuse: Part;
      points: number;
      ruleVersion: string;
    };
    assert.deepEqual(dig.digitizedAtIntake, { count: 2, total: 4, rate: 0.5, points: 5 });
    assert.deepEqual(dig.electronicResults, { count: 1, total: 2, rate: 0.5, points: 5 });
    assert.deepEqual(dig.reuse, { count: 1, total: 6, rate: 0.1667, points: 2 });
    assert.equal(dig.points, 12);
    assert.equal(dig.ruleVersion, 'DIG-2026.12');
    assert.ok(row.progress766, 'the existing figures are still there');

    // The same figures per agency in /stats/agencies.
    const agencies = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query({ period: '2026-11', agencyId: w.department.id })
      .set(bearer(w.admin))
      .expect(200);
    const own = agencies.body.rows.find((r: { agencyId: string }) => r.agencyId === w.department.id);
    assert.deepEqual(own.digitization766, dig);

    // The centre received them but handles none: its own figures are empty.
    const centre = await request(w.app)
      .get('/api/v1/stats/index')
      .query({ period: '2026-11', agencyId: w.center.id })
      .set(bearer(w.admin))
      .expect(200);
    assert.deepEqual(centre.body.rows[0].digitization766.digitizedAtIntake, {
      count: 0,
      total: 0,
      rate: null,
      points: null,
    });
  });

  it('a non-default scale changes the points and the rule version', async () => {
    const w = await buildFilesWorld({ INDEX_DIGITIZED_POINTS: '10', INDEX_DIGITIZED_FULL_AT: '0.5' });
    const d = await w.intake(twoComponents);
    await w.upload(d.id, w.receptionist, { componentIndex: 0, content: samples.pdf('x0') }).expect(201);
    await w.upload(d.id, w.receptionist, { componentIndex: 1, content: samples.pdf('x1') }).expect(201);
    await w.intake(twoComponents);
    w.clock.set('2026-11-24T09:00');
    const res = await request(w.app)
      .get('/api/v1/stats/index')
      .query({ period: '2026-11', agencyId: w.department.id })
      .set(bearer(w.admin))
      .expect(200);
    const dig = res.body.rows[0].digitization766;
    assert.deepEqual(dig.digitizedAtIntake, { count: 1, total: 2, rate: 0.5, points: 10 });
    assert.match(dig.ruleVersion, /^DIG-2026\.12\+[0-9a-f]{8}$/);
  });
});
