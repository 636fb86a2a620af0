import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { agencies, agencyVersions, dossiers, refusals } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createProcedure, createUser, uniqueElectronicId } from '../../support/factories.js';
import { buildWorld } from '../dossiers/world.js';
import { importInto } from './import.js';

const at = (local: string) => `${local}:00+07:00`;
const db = () => testDatabase().db;

describe('stats issue 13: satisfaction carries its number of ratings', () => {
  it('has a null rate and no points when nothing was rated (it showed rate 1, points 6)', async () => {
    const w = await buildWorld({ start: '2026-11-20T15:00' });
    await importInto(w, [
      {
        id: 'n1',
        received: '2026-10-05T09:00',
        events: [{ type: 'decided', at: at('2026-10-06T10:00'), outcome: 'approved' }],
      },
      {
        id: 'n2',
        received: '2026-10-05T09:00',
        events: [{ type: 'decided', at: at('2026-10-07T10:00'), outcome: 'approved' }],
      },
      {
        id: 'r1',
        received: '2026-09-07T09:00',
        events: [
          { type: 'decided', at: at('2026-09-08T10:00'), outcome: 'approved' },
          { type: 'rated', at: at('2026-09-09T10:00'), level: 'satisfied' },
        ],
      },
    ]);
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.id });
    const index = async (period: string) =>
      (
        await request(w.app)
          .get('/api/v1/stats/index')
          .query({ period, agencyId: w.department.id, rollup: false })
          .set(bearer(supervisor))
          .expect(200)
      ).body.rows[0];
    const october = await index('2026-10');
    assert.deepEqual(october.satisfaction766, { ratings: 0, dissatisfied: 0, total: 2, rate: null, points: 0 });
    assert.deepEqual(
      october.progress766,
      { onTime: 2, total: 2, rate: 1, points: 20 },
      'the other components are unchanged',
    );
    assert.deepEqual((await index('2026-09')).satisfaction766, {
      ratings: 1,
      dissatisfied: 0,
      total: 1,
      rate: 1,
      points: 6,
    });
    assert.deepEqual((await index('2026-08')).satisfaction766, {
      ratings: 0,
      dissatisfied: 0,
      total: 0,
      rate: null,
      points: null,
    });
  });
});

describe('stats issue 13: what each one-stop unit received at its counter', () => {
  it('counts by receiving unit, channel and handling agency (II.06a shows the centre 0)', async () => {
    const w = await buildWorld({ start: '2026-11-23T10:00' });
    const other = await createAgency({ level: 'department', parentId: w.department.parentId, name: 'Sở thứ hai' });
    const otherProcedure = await createProcedure({ agencyId: other.id });
    await w.intake();
    await w.intake();
    await w.intake({ channel: 'postal' });
    await w.intake({ procedureCode: otherProcedure.code });
    await importInto(w, [{ id: 'c1', received: '2026-11-02T09:00', channel: 'online', events: [] }]);
    w.clock.set('2026-11-23T10:30');
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
    const get = (query: object) =>
      request(w.app).get('/api/v1/stats/received-at-counter').query(query).set(bearer(supervisor));

    const res = await get({ period: '2026-11' }).expect(200);
    assert.equal(res.body.agencyId, w.department.parentId);
    assert.deepEqual(
      res.body.rows.map((r: { agencyId: string }) => r.agencyId),
      [w.center.id],
      'departments received nothing at a counter',
    );
    const [centre] = res.body.rows;
    assert.equal(centre.received, 5);
    assert.deepEqual(centre.byChannel, { direct: 3, online: 1, postal: 1 });
    assert.deepEqual(centre.byAgency, [
      {
        agencyId: w.department.id,
        agencyName: w.department.name,
        received: 4,
        byChannel: { direct: 2, online: 1, postal: 1 },
      },
      { agencyId: other.id, agencyName: 'Sở thứ hai', received: 1, byChannel: { direct: 1, online: 0, postal: 0 } },
    ]);
    // The stored dossiers name the centre as receiving unit; II.06a counts them for the handling agencies.
    const stored = await db().select().from(dossiers).where(eq(dossiers.receivingAgencyId, w.center.id));
    assert.equal(stored.length, 5);
    const ii06a = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query({ period: '2026-11', agencyId: w.center.id, rollup: false })
      .set(bearer(supervisor))
      .expect(200);
    assert.equal(ii06a.body.rows[0].receivedDirect + ii06a.body.rows[0].receivedOnline, 0);

    const asked = await get({ period: '2026-11', agencyId: w.department.id, rollup: false }).expect(200);
    assert.deepEqual(
      asked.body.rows.map((r: { received: number }) => r.received),
      [0],
      'an agency asked for is listed even with nothing',
    );
    assert.deepEqual((await get({ period: '2026-10', agencyId: w.center.id }).expect(200)).body.rows[0].byChannel, {
      direct: 0,
      online: 0,
      postal: 0,
    });
    const stranger = await createUser({ roles: ['supervisor'] });
    await request(w.app)
      .get('/api/v1/stats/received-at-counter')
      .query({ period: '2026-11', agencyId: w.center.id })
      .set(bearer(stranger))
      .expect(404);
    await request(w.app)
      .get('/api/v1/stats/received-at-counter')
      .query({ period: '2026-11' })
      .set(bearer(w.receptionist))
      .expect(403);
  });
});

describe('stats issue 13: an agency with dossiers in a period has its row; activeFrom in the past', () => {
  it('creates an agency active since a past date and lists an agency created today in earlier periods', async () => {
    const w = await buildWorld({ start: '2026-11-20T15:00' });
    const province = w.department.parentId!;
    const create = (body: object) =>
      request(w.app)
        .post('/api/v1/agencies')
        .set(bearer(w.admin))
        .send({ name: 'Sở mới', electronicId: uniqueElectronicId(), level: 'department', parentId: province, ...body })
        .expect(201);
    const past = await create({ activeFrom: '2025-01-01' });
    assert.equal(past.body.activeFrom, '2025-01-01');
    const [row] = await db().select().from(agencies).where(eq(agencies.id, past.body.id));
    assert.equal(row!.activeFrom, '2025-01-01');
    const [version] = await db().select().from(agencyVersions).where(eq(agencyVersions.agencyId, past.body.id));
    assert.equal(version!.validFrom, '2025-01-01');

    const today = await create({});
    assert.equal(today.body.activeFrom, '2026-11-20');
    await importInto(w, [
      {
        id: 't1',
        received: '2026-09-10T09:00',
        agencyId: today.body.id,
        events: [{ type: 'decided', at: at('2026-09-11T10:00'), outcome: 'approved' }],
      },
    ]);
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: province });
    const res = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query({ period: '2026-09' })
      .set(bearer(supervisor))
      .expect(200);
    const own = res.body.rows.find((r: { agencyId: string }) => r.agencyId === today.body.id);
    assert.ok(own, 'the agency created today has its September row');
    assert.deepEqual([own.receivedDirect, own.resolvedEarly], [1, 1]);
    const total = res.body.rows.find((r: { agencyId: string }) => r.agencyId === province);
    assert.equal(total.resolvedEarly, 1, 'and the province total is the sum of its rows');
  });
});

describe('stats issue 13: rates with four decimals, refusals and apologies per agency', () => {
  it('rounds the on-time rate in per-agency rows, trends and procedures', async () => {
    const w = await buildWorld({ start: '2026-11-20T15:00' });
    await importInto(w, [
      {
        id: 'q1',
        received: '2026-10-05T09:00',
        events: [{ type: 'decided', at: at('2026-10-06T10:00'), outcome: 'approved' }],
      },
      {
        id: 'q2',
        received: '2026-10-05T09:00',
        events: [{ type: 'decided', at: at('2026-10-07T10:00'), outcome: 'approved' }],
      },
      {
        id: 'q3',
        received: '2026-10-05T09:00',
        events: [{ type: 'decided', at: at('2026-10-09T10:00'), outcome: 'approved' }],
      },
    ]);
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.id });
    const get = (path: string, query: object) =>
      request(w.app).get(`/api/v1/stats/${path}`).query(query).set(bearer(supervisor)).expect(200);
    assert.equal((await get('agencies', { period: '2026-10' })).body.rows[0].onTimeRate, 0.6667);
    assert.equal((await get('trend', { from: '2026-10', to: '2026-10' })).body.series[0].onTimeRate, 0.6667);
    assert.equal((await get('procedures', { period: '2026-10' })).body.rows[0].onTimeRate, 0.6667);
    assert.equal((await get('index', { period: '2026-10' })).body.rows[0].parOnTime.rate, 0.6667);
  });

  it('counts refusals (form 03) of the refusing unit next to II.06a, in JSON and CSV', async () => {
    const w = await buildWorld({ start: '2026-11-23T10:00' });
    for (const reason of ['Thiếu bản sao giấy tờ', 'Không thuộc thẩm quyền']) {
      await request(w.app)
        .post('/api/v1/refusals')
        .set(bearer(w.receptionist))
        .send({ procedureCode: w.procedure.code, applicant: { name: 'Công dân' }, reasons: [reason] })
        .expect(201);
    }
    assert.equal((await db().select().from(refusals).where(eq(refusals.agencyId, w.center.id))).length, 2);
    w.clock.set('2026-11-23T10:30');
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
    const get = (query: object) =>
      request(w.app).get('/api/v1/stats/agencies').query(query).set(bearer(supervisor)).expect(200);
    const own = await get({ period: '2026-11', rollup: false });
    const row = (id: string) => own.body.rows.find((r: { agencyId: string }) => r.agencyId === id);
    assert.deepEqual(
      [row(w.center.id).refused, row(w.department.id).refused, row(w.department.parentId!).refused],
      [2, 0, 0],
    );
    assert.equal(
      (await get({ period: '2026-11', agencyId: w.department.parentId })).body.rows[0].refused,
      2,
      'rolled up',
    );
    assert.equal((await get({ period: '2026-10', agencyId: w.center.id })).body.rows[0].refused, 0);
    const csv = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query({ period: '2026-11', agencyId: w.center.id, rollup: false, format: 'csv' })
      .set(bearer(supervisor))
      .expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[4]!, /,Từ chối tiếp nhận \(mẫu 03\)$/);
    assert.equal(lines[5]!.split(',').at(-1), '2');
  });

  it('counts apologies by kind: on time, short, late', async () => {
    const w = await buildWorld({ start: '2026-11-23T10:00' }); // Mon; 3 working days: due Thu 26/11 17:00
    const [d1, d2, d3] = [await w.intake(), await w.intake(), await w.intake()];
    const apologize = (id: string) =>
      w
        .act(id, 'apologize', w.leader, { reason: 'Chờ ý kiến liên ngành', promisedAt: '2026-12-01T17:00:00+07:00' })
        .expect(200);
    w.clock.set('2026-11-23T11:00');
    await apologize(d1.id);
    w.clock.set('2026-11-26T09:00');
    await apologize(d2.id);
    w.clock.set('2026-11-26T18:00');
    await apologize(d3.id);
    const stored = await db().select().from(dossiers).where(eq(dossiers.agencyId, w.department.id));
    const kindOf = (id: string) => stored.find((d) => d.id === id)!.apologyKind;
    assert.deepEqual([kindOf(d1.id), kindOf(d2.id), kindOf(d3.id)], ['on_time', 'short', 'late']);
    w.clock.set('2026-11-26T18:30');
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
    const get = (query: object) =>
      request(w.app).get('/api/v1/stats/agencies').query(query).set(bearer(supervisor)).expect(200);
    const pickApologies = (r: Record<string, number>) => [
      r.apologies,
      r.apologiesOnTime,
      r.apologiesShort,
      r.apologiesLate,
    ];
    const own = (await get({ period: '2026-11', agencyId: w.department.id, rollup: false })).body.rows[0];
    assert.deepEqual(pickApologies(own), [3, 1, 1, 1]);
    assert.deepEqual(
      pickApologies((await get({ period: '2026-11', agencyId: w.department.parentId })).body.rows[0]),
      [3, 1, 1, 1],
    );
    assert.deepEqual(
      pickApologies((await get({ period: '2026-11', agencyId: w.center.id, rollup: false })).body.rows[0]),
      [0, 0, 0, 0],
    );
    assert.deepEqual(
      pickApologies((await get({ period: '2026-10', agencyId: w.department.id })).body.rows[0]),
      [0, 0, 0, 0],
    );
    assert.deepEqual(
      [own.inProgressWithin, own.inProgressOverdue],
      [0, 3],
      'an apology moves no figure of II.06a: late stays late',
    );
  });
});
