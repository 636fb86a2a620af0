import { strict as assert } from 'node:assert';
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { dossierEvents, dossierPauses, dossiers, dossierSteps } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';
import { buildWorld } from './world.js';

const db = () => testDatabase().db;
const stored = async (id: string) => (await db().select().from(dossiers).where(eq(dossiers.id, id)))[0]!;
const eventsOf = async (id: string) =>
  db().select().from(dossierEvents).where(eq(dossierEvents.dossierId, id)).orderBy(dossierEvents.seq);

describe('dossiers: lifecycle', () => {
  it('happy path: assign, forward through the steps, decide, return; the control slip classifies each step', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    w.clock.set('2026-11-23T10:30');
    await w.act(d.id, 'forward', w.receptionist, { note: 'Hồ sơ đủ thành phần' }).expect(200);
    w.clock.set('2026-11-23T11:00');
    const assigned = await w.act(d.id, 'assign', w.leader, { assigneeId: w.officer.id }).expect(200);
    assert.equal(assigned.body.assigneeId, w.officer.id);
    w.clock.set('2026-11-24T09:00');
    await w.act(d.id, 'forward', w.officer, { version: assigned.body.version }).expect(200);
    w.clock.set('2026-11-25T16:00');
    const decided = await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    assert.equal(decided.body.status, 'decided');
    assert.equal(decided.body.finishedAt, '2026-11-25T16:00:00+07:00');
    assert.equal(decided.body.timing, null);
    w.clock.set('2026-11-26T08:00');
    const returned = await w.act(d.id, 'return-result', w.receptionist, { method: 'counter' }).expect(200);
    assert.equal(returned.body.status, 'returned');

    const detail = await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(w.officer)).expect(200);
    assert.deepEqual(
      detail.body.steps.map((s: { name: string; classification: string }) => [s.name, s.classification]),
      [
        ['Tiếp nhận hồ sơ', 'on_time'],
        ['Thẩm định hồ sơ', 'early'],
        ['Phê duyệt kết quả', 'late'],
      ],
    );
    const events = await eventsOf(d.id);
    assert.deepEqual(
      events.map((e) => [e.seq, e.type, e.toStatus]),
      [
        [1, 'received', 'received'],
        [2, 'forward', 'processing'],
        [3, 'assign', 'processing'],
        [4, 'forward', 'processing'],
        [5, 'decide', 'decided'],
        [6, 'return-result', 'returned'],
      ],
    );
    assert.equal((await stored(d.id)).version, 6);
  });

  it('refuses an action in the wrong state (409), from another agency (404), on a stale version (409)', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const early = await w.act(d.id, 'return-result', w.receptionist, { method: 'counter' }).expect(409);
    assert.equal(early.body.code, 'INVALID_TRANSITION');
    const stranger = await createUser({ roles: ['leader'] });
    assert.equal(
      (await w.act(d.id, 'decide', stranger, { outcome: 'approved' }).expect(404)).body.code,
      'DOSSIER_NOT_FOUND',
    );
    await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(stranger)).expect(404);
    const stale = await w.act(d.id, 'forward', w.receptionist, { version: 7 }).expect(409);
    assert.equal(stale.body.code, 'VERSION_CONFLICT');
    await request(w.app)
      .post(`/api/v1/dossiers/${d.id}/forward`)
      .set(bearer(w.receptionist))
      .set('If-Match', '"3"')
      .send({})
      .expect(409);
    await request(w.app)
      .post(`/api/v1/dossiers/${d.id}/forward`)
      .set(bearer(w.receptionist))
      .set('If-Match', '"1"')
      .send({})
      .expect(200);
    const rejected = await w.act(d.id, 'decide', w.leader, { outcome: 'rejected' }).expect(400);
    assert.equal(rejected.body.errors[0].path, 'body.reason', 'a rejection needs its reason');
    assert.equal(
      (await w.act(d.id, 'assign', w.leader, { assigneeId: stranger.id }).expect(400)).body.code,
      'ASSIGNEE_INVALID',
    );
    assert.equal((await stored(d.id)).version, 2, 'refused actions wrote nothing');
  });

  it('a supplement request pauses the clock; receiving it moves the deadline by the office time waited', async () => {
    const w = await buildWorld();
    const d = await w.intake(); // due Thu 26/11 17:00
    w.clock.set('2026-11-24T10:00');
    const asked = await w
      .act(d.id, 'request-supplement', w.officer, { items: ['Bản sao CCCD có chứng thực'], reason: 'Thiếu giấy tờ' })
      .expect(200);
    assert.equal(asked.body.status, 'awaiting_supplement');
    assert.deepEqual(
      asked.body.timing,
      { paused: true, withinTime: true, dueSoon: false, remainingWorkingMinutes: 1290 },
      'Tue 10:00 → Thu 17:00: 5.5 h + 8 h + 8 h of office time',
    );
    const twice = await w.act(d.id, 'request-supplement', w.officer, { items: ['x'], reason: 'y' }).expect(409);
    assert.equal(twice.body.code, 'INVALID_TRANSITION');
    w.clock.set('2026-11-25T10:00');
    const back = await w.act(d.id, 'receive-supplement', w.receptionist, {}).expect(200);
    assert.equal(back.body.status, 'received');
    assert.equal(back.body.dueAt, '2026-11-27T17:00:00+07:00', 'one working day later');
    const again = await w.act(d.id, 'request-supplement', w.officer, { items: ['x'], reason: 'y' }).expect(409);
    assert.equal(again.body.code, 'SUPPLEMENT_ALREADY_REQUESTED');
    await w.act(d.id, 'request-supplement', w.officer, { items: ['x'], reason: 'y', again: true }).expect(200);
    assert.equal((await stored(d.id)).supplementCount, 2);
    const pauses = await db().select().from(dossierPauses).where(eq(dossierPauses.dossierId, d.id));
    assert.equal(pauses.length, 2);
  });

  it('the restart policy gives the whole budget again from the supplement', async () => {
    const w = await buildWorld({ supplementPolicy: 'restart' });
    const d = await w.intake();
    w.clock.set('2026-11-24T10:00');
    await w.act(d.id, 'request-supplement', w.receptionist, { items: ['Tờ khai'], reason: 'Sai mẫu' }).expect(200);
    w.clock.set('2026-11-26T14:00');
    const back = await w.act(d.id, 'receive-supplement', w.receptionist, {}).expect(200);
    assert.equal(back.body.dueAt, '2026-12-01T17:00:00+07:00');
  });

  it('a decision during a pause closes the pause first; the pause ledger and deadline agree', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    await w.toApproval(d.id);
    w.clock.set('2026-11-24T15:00');
    await w
      .act(d.id, 'pause', w.officer, { reason: 'financial_obligation', note: 'Chờ nộp lệ phí trước bạ' })
      .expect(200);
    w.clock.set('2026-11-25T09:00');
    const decided = await w.act(d.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    assert.equal(decided.body.pausedSince, null);
    assert.equal(
      decided.body.dueAt,
      '2026-11-27T11:00:00+07:00',
      'Thu 17:00 moved by 2 h (Tue 15–17) + 1.5 h (Wed 07:30–09:00)',
    );
    const [pause] = await db().select().from(dossierPauses).where(eq(dossierPauses.dossierId, d.id));
    assert.equal(pause!.endedAt?.toISOString(), new Date('2026-11-25T09:00:00+07:00').toISOString());
  });

  it('apology: leader only, once; short (< 1 working day) and late (after due) are accepted and marked; never moves dueAt', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const late = await w.intake();
    w.clock.set('2026-11-26T09:00');
    await w.act(d.id, 'apologize', w.officer, { reason: 'x', promisedAt: '2026-12-01T17:00:00+07:00' }).expect(403);
    const bad = await w
      .act(d.id, 'apologize', w.leader, { reason: 'Chờ ý kiến liên ngành', promisedAt: '2026-11-26T12:00:00+07:00' })
      .expect(400);
    assert.equal(bad.body.code, 'PROMISED_DATE_INVALID');
    const never = await w
      .act(d.id, 'apologize', w.leader, { reason: 'x', promisedAt: '9999-12-31T17:00:00+07:00' })
      .expect(400);
    assert.equal(never.body.code, 'PROMISED_DATE_INVALID', 'bounded: the budget again after the due date at most');
    await w.act(d.id, 'apologize', w.leader, { reason: 'x', promisedAt: '2026-12-03T09:00:00+07:00' }).expect(400);
    const res = await w
      .act(d.id, 'apologize', w.leader, { reason: 'Chờ ý kiến liên ngành', promisedAt: '2026-12-01T17:00:00+07:00' })
      .expect(200);
    assert.deepEqual(res.body.warnings, ['LESS_THAN_ONE_WORKING_DAY_LEFT']);
    assert.equal(res.body.promisedAt, '2026-12-01T17:00:00+07:00');
    assert.equal(res.body.dueAt, '2026-11-26T17:00:00+07:00');
    assert.equal(
      (await w.act(d.id, 'apologize', w.leader, { reason: 'x', promisedAt: '2026-12-02T17:00:00+07:00' }).expect(409))
        .body.code,
      'APOLOGY_ALREADY_ISSUED',
    );

    assert.equal(res.body.apologyKind, 'short');

    // Issue 13: after the due instant the leader can still give a new date; the apology is `late`
    // and the dossier stays late (dueAt unchanged).
    w.clock.set('2026-11-30T09:00');
    const after = await w
      .act(late.id, 'apologize', w.leader, { reason: 'Chờ thẩm định', promisedAt: '2026-12-02T17:00:00+07:00' })
      .expect(200);
    assert.deepEqual(after.body.warnings, ['APOLOGY_AFTER_DUE']);
    assert.equal(after.body.apologyKind, 'late');
    assert.equal(after.body.dueAt, late.dueAt);
    const [stored] = await db().select().from(dossiers).where(eq(dossiers.id, late.id));
    assert.equal(stored!.apologyKind, 'late');
    const events = await db().select().from(dossierEvents).where(eq(dossierEvents.dossierId, late.id));
    assert.deepEqual(events.at(-1)!.data, {
      reason: 'Chờ thẩm định',
      promisedAt: '2026-12-02T17:00:00+07:00',
      kind: 'late',
    });
    assert.equal(
      (
        await w
          .act(late.id, 'apologize', w.leader, { reason: 'x', promisedAt: '2026-12-03T17:00:00+07:00' })
          .expect(409)
      ).body.code,
      'APOLOGY_ALREADY_ISSUED',
    );
  });

  it('apology well ahead of the due instant is on time', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const res = await w
      .act(d.id, 'apologize', w.leader, { reason: 'Chờ ý kiến', promisedAt: '2026-11-30T17:00:00+07:00' })
      .expect(200);
    assert.equal(res.body.apologyKind, 'on_time');
    assert.equal(res.body.warnings, undefined);
  });

  it('transfer (liên thông) hands the dossier to another agency, which then sees it', async () => {
    const w = await buildWorld();
    const other = await createAgency({ level: 'department' });
    const otherOfficer = await createUser({ roles: ['officer'], agencyId: other.id });
    const d = await w.intake();
    await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(otherOfficer)).expect(404);
    const moved = await w
      .act(d.id, 'transfer', w.leader, { toAgencyId: other.id, reason: 'Cần thẩm định của Sở Xây dựng' })
      .expect(200);
    assert.equal(moved.body.agencyId, other.id);
    assert.equal(moved.body.dueAt, d.dueAt, 'the dossier keeps its deadline');
    await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(otherOfficer)).expect(200);
    await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(w.receptionist)).expect(200);
    const steps = await db()
      .select()
      .from(dossierSteps)
      .where(eq(dossierSteps.dossierId, d.id))
      .orderBy(dossierSteps.seq);
    assert.deepEqual(
      steps.map((s) => s.agencyId),
      [w.department.id, other.id],
    );
    assert.equal(
      (await w.act(d.id, 'transfer', w.leader, { toAgencyId: other.id, reason: 'x' }).expect(404)).body.code,
      'DOSSIER_NOT_FOUND',
    );
  });

  it('withdrawal during a pause closes it; no withdrawal after a decision', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    await w.act(d.id, 'request-supplement', w.receptionist, { items: ['x'], reason: 'y' }).expect(200);
    w.clock.set('2026-11-24T09:00');
    const res = await w.act(d.id, 'withdraw', w.receptionist, { reason: 'Công dân xin rút hồ sơ' }).expect(200);
    assert.equal(res.body.status, 'withdrawn');
    assert.equal(res.body.withdrawnAt, '2026-11-24T09:00:00+07:00');
    const decided = await w.intake();
    await w.toApproval(decided.id);
    await w.act(decided.id, 'decide', w.leader, { outcome: 'approved' }).expect(200);
    assert.equal((await w.act(decided.id, 'withdraw', w.receptionist, {}).expect(409)).body.code, 'INVALID_TRANSITION');
  });

  it('10 concurrent conflicting actions: exactly one succeeds and the event log stays consistent', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    await w.toApproval(d.id);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? w.act(d.id, 'decide', w.leader, { outcome: 'approved', version: 3 })
          : w.act(d.id, 'withdraw', w.receptionist, { version: 3 }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 200).length, 1);
    assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 409));
    const events = await eventsOf(d.id);
    assert.deepEqual(
      events.map((e) => e.seq),
      [1, 2, 3, 4],
    );
    assert.equal((await stored(d.id)).version, 4);
  });

  it('the database refuses to change or delete events, even with SQL', async () => {
    const w = await buildWorld();
    const d = await w.intake();
    const appendOnly = (error: unknown) =>
      /append-only/.test(String((error as { cause?: Error }).cause?.message ?? error));
    await assert.rejects(
      db().execute(sql`update dossier_events set type = 'forged' where dossier_id = ${d.id}`),
      appendOnly,
    );
    await assert.rejects(db().execute(sql`delete from dossier_events where dossier_id = ${d.id}`), appendOnly);
    await assert.rejects(db().execute(sql`truncate dossier_events cascade`), appendOnly);
    assert.deepEqual(
      (await eventsOf(d.id)).map((e) => e.type),
      ['received'],
    );
  });

  it('lists with filters and keyset pagination in scope; the inbox shows what to act on', async () => {
    const w = await buildWorld();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await w.intake({ applicant: { name: `Hoàng Văn ${i}` } })).id);
    await w.act(ids[0]!, 'assign', w.leader, { assigneeId: w.officer.id }).expect(200);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(w.app)
        .get('/api/v1/dossiers')
        .query({ agencyId: w.department.id, limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(w.officer))
        .expect(200);
      seen.push(...res.body.items.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    assert.deepEqual([...seen].sort(), [...ids].sort());
    const byName = await request(w.app)
      .get('/api/v1/dossiers')
      .query({ q: 'Hoàng Văn 3' })
      .set(bearer(w.officer))
      .expect(200);
    assert.deepEqual(
      byName.body.items.map((x: { id: string }) => x.id),
      [ids[3]],
    );
    const processing = await request(w.app)
      .get('/api/v1/dossiers')
      .query({ status: 'processing' })
      .set(bearer(w.officer))
      .expect(200);
    assert.deepEqual(
      processing.body.items.map((x: { id: string }) => x.id),
      [ids[0]],
    );
    w.clock.set('2026-11-26T10:00');
    const soon = await request(w.app)
      .get('/api/v1/dossiers')
      .query({ dueSoon: true })
      .set(bearer(w.officer))
      .expect(200);
    assert.equal(soon.body.items.length, 5);
    w.clock.set('2026-11-27T10:00');
    const overdue = await request(w.app)
      .get('/api/v1/dossiers')
      .query({ overdue: true })
      .set(bearer(w.officer))
      .expect(200);
    assert.equal(overdue.body.items.length, 5);
    const inbox = await request(w.app).get('/api/v1/dossiers/inbox').set(bearer(w.officer)).expect(200);
    assert.deepEqual(
      inbox.body.items.map((x: { id: string }) => x.id),
      [ids[0]],
    );
    const stranger = await createUser({ roles: ['officer'] });
    assert.equal((await request(w.app).get('/api/v1/dossiers').set(bearer(stranger)).expect(200)).body.items.length, 0);
  });

  it('a calendar change recomputes the deadlines of open dossiers it touches', async () => {
    const w = await buildWorld();
    const d = await w.intake(); // due Thu 26/11 17:00
    const put = await request(w.app)
      .put('/api/v1/calendar/overrides/2026')
      .query({ agencyId: w.department.id })
      .set(bearer(w.admin))
      .send({ daysOff: [{ date: '2026-11-25', reason: 'Nghỉ đột xuất' }], workingDays: [] })
      .expect(200);
    // The request answers at once; the recomputation is a job, followed through /jobs/runs/:id.
    assert.equal(put.body.recomputeJobIds.length, 1);
    let run;
    for (let i = 0; i < 100; i++) {
      run = (
        await request(w.app).get(`/api/v1/jobs/runs/${put.body.recomputeJobIds[0]}`).set(bearer(w.admin)).expect(200)
      ).body;
      if (run.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(run.job, 'deadline-recompute');
    assert.equal(run.status, 'succeeded');
    assert.deepEqual(run.detail, { scanned: 1, changed: 1 });
    const after = await request(w.app).get(`/api/v1/dossiers/${d.id}`).set(bearer(w.officer)).expect(200);
    assert.equal(after.body.dueAt, '2026-11-27T17:00:00+07:00');
    assert.equal((await eventsOf(d.id)).at(-1)!.type, 'deadline_recomputed');
  });
});
