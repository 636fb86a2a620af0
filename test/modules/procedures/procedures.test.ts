import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { procedures } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld } from '../dossiers/world.js';
import { makeApp } from '../../support/app.js';

const db = () => testDatabase().db;
let n = 0;
const uniqueCode = () => `9.${Date.now() % 1_000_000}.${++n}.H31`;

/** Issue 8: the procedure catalogue had no tests of its writes. */
describe('procedures: the catalogue', () => {
  it('creates with default steps from the budget, refuses a taken code, stores what it answers', async () => {
    const { app } = makeApp();
    const admin = await createUser({ roles: ['admin'] });
    const agency = await createAgency({ level: 'department' });
    const code = uniqueCode();
    const body = {
      code,
      name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
      field: 'Xây dựng',
      agencyId: agency.id,
      budget: { value: 15, unit: 'working_days' },
      fee: 75000,
    };
    const res = await request(app).post('/api/v1/procedures').set(bearer(admin)).send(body).expect(201);
    assert.equal(res.body.code, code);
    assert.deepEqual(res.body.budget, { value: 15, unit: 'working_days' });
    assert.deepEqual(
      res.body.steps.map((s: { role: string }) => s.role),
      ['receptionist', 'officer', 'leader'],
    );
    assert.equal(res.body.supplementPolicy, 'pause');
    const [row] = await db().select().from(procedures).where(eq(procedures.code, code));
    assert.equal(row!.budgetValue, 15);
    assert.equal(row!.fee, 75000);

    const taken = await request(app)
      .post('/api/v1/procedures')
      .set(bearer(admin))
      .send({ ...body, name: 'Khác' })
      .expect(409);
    assert.equal(taken.body.code, 'PROCEDURE_CODE_TAKEN');
    assert.equal((await db().select().from(procedures).where(eq(procedures.code, code))).length, 1);
    const officer = await createUser({ roles: ['officer'], agencyId: agency.id });
    await request(app)
      .post('/api/v1/procedures')
      .set(bearer(officer))
      .send({ ...body, code: uniqueCode() })
      .expect(403);
    const unknownAgency = await request(app)
      .post('/api/v1/procedures')
      .set(bearer(admin))
      .send({ ...body, code: uniqueCode(), agencyId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    assert.equal(unknownAgency.body.code, 'AGENCY_NOT_FOUND');
  });

  it('validates budgets: whole days, fractional hours, same-day with a cut-off only', async () => {
    const { app } = makeApp();
    const admin = await createUser({ roles: ['admin'] });
    const post = (budget: object) =>
      request(app)
        .post('/api/v1/procedures')
        .set(bearer(admin))
        .send({ code: uniqueCode(), name: 'Thủ tục thử', field: 'Thử', budget });
    await post({ value: 4.5, unit: 'working_hours' }).expect(201);
    await post({ unit: 'same_day', cutoff: '15:00' }).expect(201);
    for (const bad of [
      { value: 1.5, unit: 'working_days' },
      { value: 0, unit: 'working_days' },
      { value: 3, unit: 'weeks' },
      { value: 3, unit: 'working_days', cutoff: '15:00' },
      { value: -1, unit: 'working_hours' },
      { value: 4000, unit: 'calendar_days' },
    ]) {
      const res = await post(bad).expect(400);
      assert.equal(res.body.code, 'VALIDATION_FAILED', JSON.stringify(bad));
    }
  });

  it('an update reaches the next intake at once (the dossier catalogue cache is dropped) and deactivation stops intake', async () => {
    const w = await buildWorld();
    const patched = await request(w.app)
      .patch(`/api/v1/procedures/${w.procedure.id}`)
      .set(bearer(w.admin))
      .send({ budget: { value: 5, unit: 'working_days' } })
      .expect(200);
    assert.deepEqual(patched.body.budget, { value: 5, unit: 'working_days' });
    const d = await w.intake();
    assert.equal(d.dueAt, '2026-11-30T17:00:00+07:00', '5 working days from Mon 23/11 10:00');
    await request(w.app).post(`/api/v1/procedures/${w.procedure.id}/deactivate`).set(bearer(w.admin)).expect(200);
    const refused = await request(w.app)
      .post('/api/v1/dossiers')
      .set(bearer(w.receptionist))
      .send({ procedureCode: w.procedure.code, channel: 'direct', applicant: { name: 'Lê Văn An' } });
    assert.equal(refused.status, 404);
    assert.equal(refused.body.code, 'PROCEDURE_NOT_FOUND');
    const missing = await request(w.app)
      .patch('/api/v1/procedures/00000000-0000-4000-8000-000000000000')
      .set(bearer(w.admin))
      .send({ fee: 1 })
      .expect(404);
    assert.equal(missing.body.code, 'PROCEDURE_NOT_FOUND');
    await request(w.app).patch(`/api/v1/procedures/${w.procedure.id}`).set(bearer(w.admin)).send({}).expect(400);
  });
});
