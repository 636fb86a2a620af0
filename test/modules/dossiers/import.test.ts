import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { dossierEvents, dossierPauses, dossiers } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser, type UserRow } from '../../support/factories.js';
import { buildWorld } from './world.js';

const db = () => testDatabase().db;
const at = (local: string) => `${local}:00+07:00`;

/** What must be equal between a live history and its import. */
async function essence(id: string) {
  const [d] = await db().select().from(dossiers).where(eq(dossiers.id, id));
  const pauses = await db()
    .select()
    .from(dossierPauses)
    .where(eq(dossierPauses.dossierId, id))
    .orderBy(dossierPauses.startedAt);
  const events = await db()
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(dossierEvents.seq);
  return {
    status: d!.status,
    agencyId: d!.agencyId,
    receivedAt: d!.receivedAt.toISOString(),
    clockStartAt: d!.clockStartAt.toISOString(),
    dueAt: d!.dueAt.toISOString(),
    promisedAt: d!.promisedAt?.toISOString(),
    finishedAt: d!.finishedAt?.toISOString(),
    outcome: d!.outcome,
    returnedAt: d!.returnedAt?.toISOString(),
    supplementCount: d!.supplementCount,
    version: d!.version,
    pauses: pauses.map((p) => [p.reason, p.startedAt.toISOString(), p.endedAt?.toISOString()]),
    events: events.map((e) => [e.seq, e.fromStatus, e.toStatus, e.at.toISOString()]),
  };
}

describe('dossiers: import of historical dossiers', () => {
  it('an imported history equals the same history done live', async () => {
    const w = await buildWorld({ start: '2026-10-05T09:00' });
    const partner = await createAgency({ level: 'department' });
    const partnerOfficer = await createUser({ roles: ['officer'], agencyId: partner.id });
    const partnerLeader = await createUser({ roles: ['leader'], agencyId: partner.id });
    // [when, action, body, who]: before the transfer the department acts, after it the partner agency.
    const history: Array<[string, string, object, UserRow]> = [
      ['2026-10-06T10:00', 'request-supplement', { items: ['Bản vẽ'], reason: 'Thiếu bản vẽ' }, w.officer],
      ['2026-10-08T14:00', 'receive-supplement', {}, w.receptionist],
      ['2026-10-08T14:30', 'forward', {}, w.receptionist],
      ['2026-10-08T15:00', 'transfer', { toAgencyId: partner.id, reason: 'Liên thông' }, w.leader],
      ['2026-10-09T08:00', 'apologize', { reason: 'Chờ ý kiến', promisedAt: at('2026-10-16T17:00') }, partnerLeader],
      ['2026-10-12T09:00', 'pause', { reason: 'financial_obligation' }, partnerOfficer],
      ['2026-10-13T09:00', 'resume', {}, partnerOfficer],
      ['2026-10-13T10:00', 'forward', { note: 'Trình phê duyệt' }, partnerOfficer],
      ['2026-10-14T16:00', 'decide', { outcome: 'approved' }, partnerLeader],
      ['2026-10-15T08:00', 'return-result', { method: 'counter' }, w.receptionist],
    ];
    const live = await w.intake({ channel: 'online' });
    for (const [when, action, body, user] of history) {
      w.clock.set(when);
      const res = await w.act(live.id, action, user, body);
      assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    }

    const typeOf: Record<string, string> = {
      forward: 'forwarded',
      'request-supplement': 'supplement_requested',
      'receive-supplement': 'supplement_received',
      transfer: 'transferred',
      apologize: 'extended',
      pause: 'paused',
      resume: 'resumed',
      decide: 'decided',
      'return-result': 'returned',
    };
    const item = {
      externalId: `legacy-${live.id}`,
      procedureCode: w.procedure.code,
      agencyId: w.department.id,
      receivingAgencyId: w.center.id,
      channel: 'online',
      receivedAt: at('2026-10-05T09:00'),
      applicant: { name: 'Nguyễn Thị Mai Anh' },
      events: history.map(([when, action, body]) => ({ type: typeOf[action], at: at(when), ...body })),
    };
    w.clock.set('2026-11-20T09:00');
    const res = await request(w.app)
      .post('/api/v1/dossiers/import')
      .set(bearer(w.admin))
      .send({ items: [item] })
      .expect(200);
    assert.equal(res.body.results[0].status, 'created', JSON.stringify(res.body));
    const liveEssence = await essence(live.id);
    const importedEssence = await essence(res.body.results[0].id);
    assert.deepEqual(importedEssence, liveEssence);
    assert.equal(liveEssence.status, 'returned');
  });

  it('each item is atomic: a bad one reports an error, the others are created; a known externalId is "exists"', async () => {
    const w = await buildWorld({ start: '2026-11-20T09:00' });
    const base = {
      procedureCode: w.procedure.code,
      agencyId: w.department.id,
      channel: 'direct',
      applicant: { name: 'Đỗ Văn Hùng' },
    };
    const items = [
      {
        ...base,
        externalId: 'A-1',
        receivedAt: at('2026-11-02T08:00'),
        events: [{ type: 'decided', at: at('2026-11-03T10:00'), outcome: 'approved' }],
      },
      {
        ...base,
        externalId: 'A-2',
        receivedAt: at('2026-11-02T08:00'),
        events: [
          { type: 'decided', at: at('2026-11-03T10:00'), outcome: 'approved' },
          { type: 'decided', at: at('2026-11-04T10:00'), outcome: 'approved' },
        ],
      },
      {
        ...base,
        externalId: 'A-3',
        receivedAt: at('2026-11-02T08:00'),
        events: [{ type: 'decided', at: at('2026-11-01T10:00'), outcome: 'approved' }],
      },
      { ...base, externalId: 'A-4', receivedAt: at('2026-11-02T08:00'), events: [] },
    ];
    const res = await request(w.app).post('/api/v1/dossiers/import').set(bearer(w.admin)).send({ items }).expect(200);
    assert.deepEqual(
      res.body.results.map((r: { status: string }) => r.status),
      ['created', 'error', 'error', 'created'],
    );
    assert.equal(res.body.results[1].errors[0].code, 'INVALID_TRANSITION');
    assert.equal(res.body.results[2].errors[0].code, 'IMPORT_EVENTS_OUT_OF_ORDER');
    const failed = await db().select().from(dossiers).where(eq(dossiers.externalId, 'A-2'));
    assert.equal(failed.length, 0, 'nothing of a failed item is kept');
    const again = await request(w.app)
      .post('/api/v1/dossiers/import')
      .set(bearer(w.admin))
      .send({ items: [items[0]] })
      .expect(200);
    assert.deepEqual([again.body.results[0].status, again.body.results[0].id], ['exists', res.body.results[0].id]);
    const tooMany = await request(w.app)
      .post('/api/v1/dossiers/import')
      .set(bearer(w.admin))
      .send({ items: Array.from({ length: 1001 }, () => items[3]) })
      .expect(400);
    assert.equal(tooMany.body.code, 'VALIDATION_FAILED');
  });

  it('warns (and still imports) when a dossier predates its agency', async () => {
    const w = await buildWorld({ start: '2026-11-20T09:00' });
    const young = await createAgency({ level: 'department', activeFrom: '2026-11-01' });
    const base = {
      procedureCode: w.procedure.code,
      agencyId: young.id,
      channel: 'direct',
      applicant: { name: 'Phan Văn Tú' },
      events: [],
    };
    const res = await request(w.app)
      .post('/api/v1/dossiers/import')
      .set(bearer(w.admin))
      .send({
        items: [
          { ...base, externalId: `old-${young.id}`, receivedAt: at('2026-10-05T09:00') },
          { ...base, externalId: `new-${young.id}`, receivedAt: at('2026-11-02T09:00') },
        ],
      })
      .expect(200);
    assert.deepEqual(
      res.body.results.map((r: { status: string; warnings?: string[] }) => [r.status, r.warnings]),
      [
        ['created', ['IMPORT_DOSSIER_PREDATES_AGENCY']],
        ['created', undefined],
      ],
    );
    assert.equal((await db().select().from(dossiers).where(eq(dossiers.agencyId, young.id))).length, 2);
  });
});
