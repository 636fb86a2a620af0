import { strict as assert } from 'node:assert';
import { eq, inArray } from 'drizzle-orm';
import request from 'supertest';
import { dossiers, dossierSteps } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createUser, type UserRow } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';
import { importInto } from './import.js';

const at = (local: string) => `${local}:00+07:00`;
const columns = [
  'receivedOnline',
  'receivedDirect',
  'carriedOver',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'withdrawn',
  'inProgressWithin',
  'inProgressOverdue',
];
const pick = (row: Record<string, unknown>) => columns.map((c) => row[c]);

describe("stats issue 13: trend, steps and procedures default to the caller's own agency", () => {
  let w: World;
  let supervisor: UserRow;
  const get = (user: UserRow, path: string, query: object) =>
    request(w.app).get(`/api/v1/stats/${path}`).query(query).set(bearer(user));

  before(async () => {
    w = await buildWorld({ start: '2026-11-20T15:00' });
    await importInto(w, [
      {
        id: 'a1',
        received: '2026-10-05T09:00',
        events: [{ type: 'decided', at: at('2026-10-06T10:00'), outcome: 'approved' }],
      },
      { id: 'a2', received: '2026-10-12T09:00', events: [] },
    ]);
    supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
  });

  it("answers /stats/trend without agencyId (it was 400) with the supervisor's subtree", async () => {
    const province = w.department.parentId!;
    const res = await get(supervisor, 'trend', { from: '2026-10', to: '2026-10' }).expect(200);
    assert.equal(res.body.agencyId, province);
    const rolled = await get(supervisor, 'agencies', { period: '2026-10', agencyId: province }).expect(200);
    assert.deepEqual(pick(res.body.series[0]), pick(rolled.body.rows[0]));
    assert.deepEqual(pick(res.body.series[0]), [0, 2, 0, 1, 0, 0, 0, 0, 1]);
    const own = await get(supervisor, 'trend', { from: '2026-10', to: '2026-10', rollup: false }).expect(200);
    assert.deepEqual(pick(own.body.series[0]), [0, 0, 0, 0, 0, 0, 0, 0, 0], 'the province itself handles nothing');
  });

  it('answers /stats/procedures and /stats/steps without agencyId (they were 400) like with the own agency', async () => {
    const province = w.department.parentId!;
    const implicit = await get(supervisor, 'procedures', { period: '2026-10' }).expect(200);
    const explicit = await get(supervisor, 'procedures', { period: '2026-10', agencyId: province }).expect(200);
    assert.equal(implicit.body.agencyId, province);
    assert.deepEqual(implicit.body.rows, explicit.body.rows);
    assert.deepEqual(pick(implicit.body.rows[0]), [0, 2, 0, 1, 0, 0, 0, 0, 1]);
    const steps = await get(supervisor, 'steps', { period: '2026-10' }).expect(200);
    assert.equal(steps.body.agencyId, province);
    assert.deepEqual(steps.body, {
      ...(await get(supervisor, 'steps', { period: '2026-10', agencyId: province }).expect(200)).body,
      computedAt: steps.body.computedAt,
    });
    // A department's supervisor gets its department; an administrator (no agency) the whole country.
    const deptSupervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.id });
    assert.equal(
      (await get(deptSupervisor, 'procedures', { period: '2026-10' }).expect(200)).body.agencyId,
      w.department.id,
    );
    const country = await get(w.admin, 'trend', { from: '2026-10', to: '2026-10' }).expect(200);
    assert.equal(country.body.agencyId, null);
    assert.ok(country.body.series[0].receivedDirect >= 2);
    const outside = await get(await createUser({ roles: ['supervisor'] }), 'steps', {
      period: '2026-10',
      agencyId: w.department.id,
    }).expect(404);
    assert.equal(outside.body.code, 'AGENCY_NOT_FOUND');
  });
});

describe('stats issue 13: where the time went leaves out imported dossiers without step history', () => {
  it("counts the live dossier's steps only and says how many imported ones were left out", async () => {
    const w = await buildWorld({ start: '2026-11-23T10:00' });
    // Two imported dossiers decided in November: their first step ran from receipt to the decision.
    const imported = await importInto(w, [
      {
        id: 's1',
        received: '2026-11-02T09:00',
        events: [{ type: 'decided', at: at('2026-11-06T10:00'), outcome: 'approved' }],
      },
      {
        id: 's2',
        received: '2026-11-03T09:00',
        events: [{ type: 'decided', at: at('2026-11-04T10:00'), outcome: 'rejected' }],
      },
    ]);
    // A live dossier through its three steps: reception 1 h, appraisal 2 h, approval 1 h.
    const d = await w.intake();
    w.clock.set('2026-11-23T11:00');
    await w.act(d.id, 'forward', w.receptionist, {}).expect(200);
    w.clock.set('2026-11-23T14:30');
    await w.act(d.id, 'forward', w.officer, {}).expect(200);
    w.clock.set('2026-11-23T15:30');
    await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    w.clock.set('2026-11-23T16:00');

    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.id });
    const res = await request(w.app)
      .get('/api/v1/stats/steps')
      .query({ period: '2026-11' })
      .set(bearer(supervisor))
      .expect(200);
    assert.equal(res.body.excludedImported, 2);
    const step = (name: string) => res.body.rows.find((r: { step: string }) => r.step === name);
    assert.deepEqual(
      [step('Tiếp nhận hồ sơ').finished, step('Tiếp nhận hồ sơ').workingHours],
      [1, 1],
      'the counter took one hour, not days',
    );
    assert.deepEqual([step('Thẩm định hồ sơ').finished, step('Thẩm định hồ sơ').workingHours], [1, 2]);
    assert.deepEqual([step('Phê duyệt kết quả').finished, step('Phê duyệt kết quả').workingHours], [1, 1]);
    // Nothing was dropped from the data: the imported first steps are stored, finished at the decision.
    const { db } = testDatabase();
    const stored = await db
      .select()
      .from(dossierSteps)
      .where(
        inArray(
          dossierSteps.dossierId,
          imported.map((i) => i.id),
        ),
      );
    assert.equal(stored.length, 2);
    assert.ok(
      stored.every((s) => s.name === 'Tiếp nhận hồ sơ' && s.finishedAt !== null && (s.workingMs ?? 0) > 3_600_000),
    );
    const [live] = await db.select().from(dossiers).where(eq(dossiers.id, d.id));
    assert.equal(live!.externalId, null);
    // October had neither.
    const october = await request(w.app)
      .get('/api/v1/stats/steps')
      .query({ period: '2026-10' })
      .set(bearer(supervisor))
      .expect(200);
    assert.deepEqual([october.body.excludedImported, october.body.rows], [0, []]);
  });
});
