import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { dossiers, dossierSteps } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld } from './world.js';

const db = () => testDatabase().db;

/** Issue 13: what officers and leaders found about steps. */
describe('dossiers: steps as people meet them', () => {
  it('a decision only at the approval step; the 409 names the step to reach', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const early = await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(409);
    assert.equal(early.body.code, 'DECIDE_NOT_AT_APPROVAL');
    assert.match(early.body.detail, /Phê duyệt kết quả/);
    assert.match(early.body.detail, /Tiếp nhận hồ sơ/);
    const [stored] = await db().select().from(dossiers).where(eq(dossiers.id, d.id));
    assert.equal(stored!.version, 1, 'nothing written');
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    assert.equal(
      (await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(409)).body.code,
      'DECIDE_NOT_AT_APPROVAL',
    );
    await w.act(d.id, 'forward', w.officer).expect(200);
    const decided = await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    assert.equal(decided.body.currentStep, null, 'no open step once decided');
  });

  it('a single-step procedure is decided at once', async () => {
    const w = await buildWorld();
    const single = await request(w.app)
      .post('/api/v1/procedures')
      .set(bearer(w.admin))
      .send({
        code: `1.${Date.now() % 1_000_000}.000.00.00.H31`,
        name: 'Cấp bản sao trích lục',
        field: 'Hộ tịch',
        agencyId: w.department.id,
        budget: { value: 1, unit: 'working_days' },
        steps: [{ name: 'Giải quyết', role: 'leader', budget: { value: 1, unit: 'working_days' } }],
      });
    assert.equal(single.status, 201, JSON.stringify(single.body));
    const d = await w.intake({ procedureCode: single.body.code });
    await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
  });

  it('after a transfer the current step is the open one (liên thông)', async () => {
    const w = await buildWorld();
    const other = await createAgency({ level: 'department' });
    const otherOfficer = await createUser({ roles: ['officer'], agencyId: other.id });
    const d = await w.intake();
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    const moved = await w.act(d.id, 'transfer', w.leader, { toAgencyId: other.id, reason: 'Liên thông' }).expect(200);
    const steps = await db()
      .select()
      .from(dossierSteps)
      .where(eq(dossierSteps.dossierId, d.id))
      .orderBy(dossierSteps.seq);
    assert.equal(steps.length, 3);
    assert.equal(steps[2]!.finishedAt, null);
    assert.equal(moved.body.currentStep, 3, 'the open step, not the procedure index');
    const detail = await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(otherOfficer)).expect(200);
    const open = detail.body.steps.find((s: { seq: number }) => s.seq === detail.body.currentStep);
    assert.match(open.name, /Liên thông/);
    assert.equal(open.finishedAt, null);
  });

  it('an intake after office hours: the reception step starts at the receipt, the clock at the next opening', async () => {
    const w = await buildWorld({ start: '2026-11-23T20:15' });
    const d = await w.intake();
    assert.equal(d.receivedAt, '2026-11-23T20:15:00+07:00');
    assert.equal(d.clockStartAt, '2026-11-24T07:30:00+07:00');
    w.clock.set('2026-11-23T20:17');
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    const detail = await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(w.receptionist)).expect(200);
    const [reception] = detail.body.steps;
    assert.equal(reception.startedAt, '2026-11-23T20:15:00+07:00');
    assert.equal(reception.finishedAt, '2026-11-23T20:17:00+07:00');
    for (const s of detail.body.steps)
      assert.ok(s.finishedAt === null || Date.parse(s.finishedAt) >= Date.parse(s.startedAt), s.name);
    assert.equal(reception.dueAt, '2026-11-24T11:30:00+07:00', 'its 4 working hours run from the clock start');
  });

  it('the event log names each actor and their unit (no other personal data)', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    await w.act(d.id, 'forward', w.receptionist).expect(200);
    const res = await request(w.app).get(`/api/v1/dossiers/${d.id}/events`).set(bearer(w.officer)).expect(200);
    const [received, forwarded] = res.body.events;
    assert.deepEqual(received.actor, {
      id: w.receptionist.id,
      name: 'Trần Văn Minh',
      agencyId: w.center.id,
      agencyName: w.center.name,
    });
    assert.equal(forwarded.actor.name, 'Trần Văn Minh');
    assert.equal(forwarded.actorId, w.receptionist.id);
    assert.deepEqual(Object.keys(received.actor).sort(), ['agencyId', 'agencyName', 'id', 'name']);
  });
});
