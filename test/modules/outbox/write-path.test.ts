import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { outbox, outboxEvents } from '../../../src/db/schema/index.js';
import { uuidv7 } from '../../../src/lib/uuid7.js';
import type { EventContext } from '../../../src/modules/outbox/outbox.types.js';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';
import { CONSENTING_APPLICANT, channelEnv, startHttpReceiver, type HttpReceiver } from './fakes.js';

/** The dossier's messages once the world's dispatcher has planned what the write path recorded. */
async function rowsOf(w: World, dossierId: string) {
  await w.services.outbox.planPending(1000);
  return testDatabase().db.select().from(outbox).where(eq(outbox.dossierId, dossierId));
}
const at = (local: string) => `${local}:00+07:00`;

async function finished(w: World, runId: string) {
  for (let i = 0; i < 200; i++) {
    const run = (await request(w.app).get(`/api/v1/jobs/runs/${runId}`).set(bearer(w.admin)).expect(200)).body as {
      status: string;
    };
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('job still running');
}

describe('outbox: the listener on the dossier write path', () => {
  let http: HttpReceiver;
  before(async () => {
    http = await startHttpReceiver();
  });
  after(async () => {
    await http.close();
  });
  beforeEach(() => {
    http.behave((req) => (req.path === '/zalo' ? { status: 200, body: { error: 0 } } : { status: 200 }));
  });

  it('imported history notifies nobody, while a live intake in the same app does', async () => {
    const w = await buildWorld({ env: channelEnv(http), start: '2026-11-20T09:00' });
    const item = {
      externalId: 'legacy-outbox-1',
      procedureCode: w.procedure.code,
      agencyId: w.department.id,
      receivingAgencyId: w.center.id,
      channel: 'direct',
      receivedAt: at('2026-11-02T08:00'),
      applicant: CONSENTING_APPLICANT,
      events: [
        { type: 'decided', at: at('2026-11-03T10:00'), outcome: 'approved' },
        { type: 'returned', at: at('2026-11-04T10:00'), method: 'counter' },
      ],
    };
    const res = await request(w.app)
      .post('/api/v1/dossiers/import')
      .set(bearer(w.admin))
      .send({ items: [item] })
      .expect(200);
    assert.equal(res.body.results[0].status, 'created', JSON.stringify(res.body));
    assert.equal((await rowsOf(w, res.body.results[0].id)).length, 0, 'no notice and no portal sync for history');
    const live = await w.intake({ applicant: CONSENTING_APPLICANT });
    assert.deepEqual((await rowsOf(w, live.id)).map((r) => r.channel).sort(), ['portal', 'sms', 'zalo']);
  });

  it("the applicant's consent at intake picks the channels; without consent or default, only the portal hears", async () => {
    const w = await buildWorld({ env: { ...channelEnv(http), OUTBOX_DEFAULT_CONSENT: '' } });
    const smsOnly = await w.intake({ applicant: { ...CONSENTING_APPLICANT, notify: ['sms'] } });
    assert.deepEqual((await rowsOf(w, smsOnly.id)).map((r) => r.channel).sort(), ['portal', 'sms']);
    const silent = await w.intake({ applicant: { name: 'Lý Thị Hạnh', phone: '0912 000 111' } });
    assert.deepEqual(
      (await rowsOf(w, silent.id)).map((r) => r.channel),
      ['portal'],
    );
    const bad = await request(w.app)
      .post('/api/v1/dossiers')
      .set(bearer(w.receptionist))
      .send({ procedureCode: w.procedure.code, channel: 'direct', applicant: { name: 'Lý Thị Hạnh', notify: ['fax'] } })
      .expect(400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
  });

  it('a deadline moved by a calendar change is synced to the portal, and the citizen is not bothered', async () => {
    const w = await buildWorld({ env: channelEnv(http) });
    const d = await w.intake({ applicant: CONSENTING_APPLICANT }); // due Thu 26/11 17:00
    // A second one in the same batch: several events, whose listeners' statements run after their insert.
    const second = await w.intake({ applicant: CONSENTING_APPLICANT });
    const put = await request(w.app)
      .put('/api/v1/calendar/overrides/2026')
      .query({ agencyId: w.department.id })
      .set(bearer(w.admin))
      .send({ daysOff: [{ date: '2026-11-25', reason: 'Nghỉ đột xuất' }], workingDays: [] })
      .expect(200);
    assert.equal((await finished(w, put.body.recomputeJobIds[0])).status, 'succeeded');
    for (const one of [d, second]) {
      const rows = await rowsOf(w, one.id);
      assert.deepEqual(
        rows.filter((r) => r.eventSeq === 2).map((r) => [r.channel, r.template]),
        [['portal', 'portal-status']],
      );
    }
    await w.services.outboxDispatcher.drain();
    for (const one of [d, second]) {
      const doc = http.on('/portal').find((r) => r.json.dossierCode === one.code && r.json.sequence === 2)!;
      assert.equal(doc.json.event, 'deadline_recomputed');
      assert.equal(doc.json.dueAt, '2026-11-27T17:00:00+07:00');
      assert.equal(doc.json.status, 'received');
    }
  });

  it("the dossier's messages show channel, template, status and attempts, with contacts masked for every reader", async () => {
    http.behave((req) =>
      req.path === '/sms'
        ? { status: 503 }
        : req.path === '/zalo'
          ? { status: 200, body: { error: 0 } }
          : { status: 200 },
    );
    const w = await buildWorld({ env: channelEnv(http) });
    const d = await w.intake({ applicant: CONSENTING_APPLICANT });
    await w.services.outboxDispatcher.runOnce();
    for (const reader of [w.receptionist, w.officer, w.leader]) {
      const res = await request(w.app).get(`/api/v1/dossiers/${d.id}/messages`).set(bearer(reader));
      assert.equal(res.status, 200);
      const items = res.body.items as Array<Record<string, unknown>>;
      assert.deepEqual(items.map((m) => [m.channel, m.template, m.status, m.attempts, m.recipient]).sort(), [
        ['sms', 'intake', 'pending', 1, '8491*****78'],
        ['zalo', 'intake', 'sent', 1, '8491*****78'],
      ]);
      assert.doesNotMatch(
        JSON.stringify(res.body),
        /912345678|0912 345 678|mai\.anh@/,
        'no full contact in the answer',
      );
    }
    const missing = await request(w.app)
      .get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000/messages')
      .set(bearer(w.officer));
    assert.equal(missing.status, 404);
    assert.equal((await request(w.app).get('/api/v1/dossiers/not-a-uuid/messages').set(bearer(w.officer))).status, 400);
  });

  it('plans each recorded event once when two planners race, and leaves one it cannot plan to be reported', async () => {
    const w = await buildWorld({ env: channelEnv(http) });
    const { db } = testDatabase();
    await w.services.outbox.planPending(1000); // what earlier tests left
    const ds = [];
    for (let i = 0; i < 8; i++) ds.push(await w.intake({ applicant: CONSENTING_APPLICANT }));
    // A record whose procedure is gone (no code path deletes one): planning it fails, the others go on.
    const [first] = await db.select().from(outboxEvents).where(eq(outboxEvents.dossierId, ds[0]!.id));
    const broken = { ...(first!.context as EventContext) };
    broken.dossier = { ...broken.dossier, procedureId: '00000000-0000-4000-8000-000000000000' };
    const badId = uuidv7();
    await db.insert(outboxEvents).values({ ...first!, id: badId, eventSeq: 99, context: broken });
    // On PostgreSQL the two run at once on two connections (SKIP LOCKED); on PGlite one after the other.
    const [a, b] = await Promise.all([w.services.outbox.planPending(5), w.services.outbox.planPending(5)]);
    const rest = await w.services.outbox.planPending(1000);
    assert.equal(a.planned + b.planned + rest.planned, 8, 'each event planned by one planner');
    assert.deepEqual(
      [...a.failed, ...b.failed, ...rest.failed].map((f) => [f.id, f.error]),
      [[badId, 'PROCEDURE_NOT_FOUND']],
      'tried once, then it waits out a backoff',
    );
    for (const d of ds) {
      const rows = await db.select().from(outbox).where(eq(outbox.dossierId, d.id));
      assert.deepEqual(rows.map((r) => r.channel).sort(), ['portal', 'sms', 'zalo'], d.code);
    }
    const left = await db.select().from(outboxEvents);
    assert.deepEqual(
      left.map((r) => [r.id, r.attempts, r.lastError]),
      [[badId, 1, 'PROCEDURE_NOT_FOUND']],
      'only the one that could not be planned is left, with its error',
    );
    assert.ok(left[0]!.nextAttemptAt! > w.clock.now(), 'not before its backoff');
    assert.deepEqual(await w.services.outbox.planPending(1000), { planned: 0, failed: [] });
    w.clock.t = left[0]!.nextAttemptAt!.getTime();
    assert.deepEqual(
      (await w.services.outbox.planPending(1000)).failed.map((f) => f.id),
      [badId],
    );
    assert.equal((await db.select().from(outboxEvents).where(eq(outboxEvents.id, badId)))[0]!.attempts, 2);
    await db.delete(outboxEvents).where(eq(outboxEvents.id, badId));
  });
});
