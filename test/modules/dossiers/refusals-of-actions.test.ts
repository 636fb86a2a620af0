import { strict as assert } from 'node:assert';
import request from 'supertest';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld } from './world.js';

/** Issue 8: the action refusals that had no test. */
describe('dossiers: refusals of actions', () => {
  it('send-back returns to the previous step; NO_PREVIOUS_STEP and NO_NEXT_STEP at the ends', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    await w.act(d.id, 'forward', w.receptionist, {}).expect(200);
    const back = await w.act(d.id, 'send-back', w.officer, { reason: 'Hồ sơ cần kiểm tra lại' }).expect(200);
    assert.equal(back.body.procedureStep, 1);
    assert.equal(back.body.currentStep, 3, 'the open row of the control slip: reception, appraisal, reception again');
    await w.act(d.id, 'forward', w.receptionist, {}).expect(200);
    await w.act(d.id, 'forward', w.officer, {}).expect(200);
    const last = await w.act(d.id, 'forward', w.leader, {}).expect(409);
    assert.equal(last.body.code, 'NO_NEXT_STEP');
    // A dossier at its first step cannot be sent back further (processing, step 1).
    const atStart = await w.intake();
    await w.act(atStart.id, 'assign', w.leader, { assigneeId: w.officer.id }).expect(200);
    assert.equal(
      (await w.act(atStart.id, 'send-back', w.officer, { reason: 'x' }).expect(409)).body.code,
      'NO_PREVIOUS_STEP',
    );
  });

  it('transfer only to another, active agency: TRANSFER_TARGET_INVALID otherwise', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const closed = await createAgency({ level: 'department', active: false });
    for (const toAgencyId of [w.department.id, closed.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await w.act(d.id, 'transfer', w.leader, { toAgencyId, reason: 'Liên thông' }).expect(400);
      assert.equal(res.body.code, 'TRANSFER_TARGET_INVALID');
    }
    const open = await createAgency({ level: 'department' });
    const moved = await w.act(d.id, 'transfer', w.leader, { toAgencyId: open.id, reason: 'Liên thông' }).expect(200);
    assert.equal(moved.body.agencyId, open.id);
  });

  it('a receptionist without a one-stop unit cannot receive: RECEIVING_UNIT_REQUIRED', async () => {
    const w = await buildWorld();
    const nowhere = await createUser({ roles: ['receptionist', 'admin'], agencyId: null });
    const res = await request(w.app)
      .post('/api/v1/dossiers')
      .set(bearer(nowhere))
      .send({ procedureCode: w.procedure.code, channel: 'direct', applicant: { name: 'Lê Văn Bình' } })
      .expect(400);
    assert.equal(res.body.code, 'RECEIVING_UNIT_REQUIRED');
  });
});
