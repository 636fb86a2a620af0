import { strict as assert } from 'node:assert';
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { dailyCounters, dossierEvents, dossiers, dossierSteps, refusals } from '../../../src/db/schema/index.js';
import { dossierCode } from '../../../src/modules/dossiers/dossier.code.js';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildWorld } from './world.js';

const db = () => testDatabase().db;

describe('dossiers: intake (form 01)', () => {
  it('receives a dossier: legal code, PIN once, deadline, first step and event stored', async () => {
    const w = await buildWorld();
    const body = await w.intake();
    assert.equal(body.code, `${w.department.electronicId}-261123-0001`);
    assert.match(body.lookupPin, /^[A-HJKMNP-Z2-9]{6}$/);
    assert.equal(body.status, 'received');
    assert.equal(body.receivedAt, '2026-11-23T10:00:00+07:00');
    assert.equal(body.clockStartAt, '2026-11-23T10:00:00+07:00');
    assert.equal(body.dueAt, '2026-11-26T17:00:00+07:00', 'B2: Mon 10:00 + 3 working days → Thu 17:00');
    assert.equal(body.agencyId, w.department.id);
    assert.equal(body.receivingAgencyId, w.center.id);
    const [stored] = await db().select().from(dossiers).where(eq(dossiers.id, body.id));
    assert.equal(stored!.code, body.code);
    assert.notEqual(stored!.lookupPinHash, body.lookupPin);
    assert.ok(!JSON.stringify(stored).includes(body.lookupPin), 'the PIN itself is not stored');
    const events = await db().select().from(dossierEvents).where(eq(dossierEvents.dossierId, body.id));
    assert.deepEqual(
      events.map((e) => [e.seq, e.type, e.toStatus]),
      [[1, 'received', 'received']],
    );
    const steps = await db().select().from(dossierSteps).where(eq(dossierSteps.dossierId, body.id));
    assert.deepEqual(
      steps.map((s) => [s.seq, s.name, s.role]),
      [[1, 'Tiếp nhận hồ sơ', 'receptionist']],
    );
    const lookup = await request(w.app).get(`/api/v1/dossiers/${body.id}`).set(bearer(w.receptionist)).expect(200);
    assert.equal(lookup.body.lookupPin, undefined, 'the PIN is shown only at intake');
  });

  it('after hours the clock starts at the next opening, and the code carries the receipt date', async () => {
    const w = await buildWorld({ start: '2026-11-27T17:30' });
    const body = await w.intake();
    assert.equal(body.code, `${w.department.electronicId}-261127-0001`);
    assert.equal(body.clockStartAt, '2026-11-30T07:30:00+07:00');
    assert.equal(body.dueAt, '2026-12-03T17:00:00+07:00');
  });

  it('gives 30 concurrent intakes of one agency and day 30 distinct, gapless codes', async () => {
    const w = await buildWorld();
    const results = await Promise.all(Array.from({ length: 30 }, () => w.intake()));
    const seqs = results.map((r) => Number(String(r.code).slice(-4))).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const [counter] = await db().select().from(dailyCounters).where(eq(dailyCounters.agencyId, w.department.id));
    assert.equal(counter!.lastSeq, 30);
  });

  it('writes the code in SQL as dossierCode does: four digits, more past 9,999', async () => {
    const w = await buildWorld();
    await db().insert(dailyCounters).values({ agencyId: w.department.id, day: '2026-11-23', lastSeq: 123455 });
    const body = await w.intake();
    assert.equal(body.code, dossierCode(w.department.electronicId, '2026-11-23', 123456));
    assert.equal(body.code, `${w.department.electronicId}-261123-123456`);
    const [stored] = await db().select().from(dossiers).where(eq(dossiers.id, body.id));
    assert.equal(stored!.code, body.code);
  });

  it('retrying with the same Idempotency-Key and body returns the first response; another body → 422', async () => {
    const w = await buildWorld();
    const send = (body: object) =>
      request(w.app)
        .post('/api/v1/dossiers')
        .set(bearer(w.receptionist))
        .set('Idempotency-Key', 'quay-3-2026-11-23-001')
        .send({ procedureCode: w.procedure.code, channel: 'direct', applicant: { name: 'Lê Văn Bình' }, ...body });
    const first = await send({}).expect(201);
    const again = await send({}).expect(201);
    assert.deepEqual(again.body, first.body);
    const other = await send({ channel: 'postal' }).expect(422);
    assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
    const count = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(dossiers)
      .where(eq(dossiers.agencyId, w.department.id));
    assert.equal(count[0]!.n, 1);
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        request(w.app)
          .post('/api/v1/dossiers')
          .set(bearer(w.receptionist))
          .set('Idempotency-Key', 'race-1')
          .send({ procedureCode: w.procedure.code, channel: 'online', applicant: { name: 'Lê Văn Bình' } }),
      ),
    );
    assert.deepEqual(
      racing.map((r) => r.status),
      [201, 201, 201],
    );
    assert.equal(new Set(racing.map((r) => r.body.id)).size, 1, 'racing retries create one dossier');
  });

  it('refuses bad input with 400/404 and writes nothing', async () => {
    const w = await buildWorld();
    const post = (body: object) => request(w.app).post('/api/v1/dossiers').set(bearer(w.receptionist)).send(body);
    const base = { procedureCode: w.procedure.code, channel: 'direct', applicant: { name: 'Lê Văn Bình' } };
    assert.equal((await post({ ...base, procedureCode: 'no-such' }).expect(404)).body.code, 'PROCEDURE_NOT_FOUND');
    assert.equal((await post({ ...base, channel: 'fax' }).expect(400)).body.code, 'VALIDATION_FAILED');
    assert.equal((await post({ ...base, status: 'returned' }).expect(400)).body.code, 'VALIDATION_FAILED');
    assert.equal(
      (await post({ ...base, applicant: { name: 'A', idNumber: '12' } }).expect(400)).body.code,
      'VALIDATION_FAILED',
    );
    assert.equal(
      (await post({ ...base, agencyId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.code,
      'INTAKE_AGENCY_INVALID',
    );
    const count = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(dossiers)
      .where(eq(dossiers.procedureId, w.procedure.id));
    assert.equal(count[0]!.n, 0);
    await request(w.app).post('/api/v1/dossiers').set(bearer(w.officer)).send(base).expect(403);
  });

  it('a refusal at the counter (form 03) is recorded without using a code', async () => {
    const w = await buildWorld();
    const res = await request(w.app)
      .post('/api/v1/refusals')
      .set(bearer(w.receptionist))
      .send({
        procedureCode: w.procedure.code,
        applicant: { name: 'Phạm Thị Hoa' },
        reasons: ['Thiếu bản chính giấy tờ tùy thân'],
      })
      .expect(201);
    assert.deepEqual(res.body.reasons, ['Thiếu bản chính giấy tờ tùy thân']);
    const [row] = await db().select().from(refusals).where(eq(refusals.id, res.body.id));
    assert.equal(row!.agencyId, w.center.id);
    const next = await w.intake();
    assert.ok(String(next.code).endsWith('-0001'), 'the refusal consumed no sequence number');
  });

  it('a deactivated procedure takes no new dossiers, at once', async () => {
    const w = await buildWorld();
    await w.intake();
    await request(w.app).post(`/api/v1/procedures/${w.procedure.id}/deactivate`).set(bearer(w.admin)).expect(200);
    const res = await request(w.app)
      .post('/api/v1/dossiers')
      .set(bearer(w.receptionist))
      .send({ procedureCode: w.procedure.code, channel: 'direct', applicant: { name: 'Lê Văn Bình' } })
      .expect(404);
    assert.equal(res.body.code, 'PROCEDURE_NOT_FOUND');
  });
});
