import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import request from 'supertest';
import {
  dailyCounters,
  dossierEvents,
  dossiers,
  outbox,
  outboxDeliveries,
  outboxEvents,
} from '../../../src/db/schema/index.js';
import { buildChannels } from '../../../src/modules/outbox/outbox.channels.js';
import { createDispatcher } from '../../../src/modules/outbox/outbox.dispatcher.js';
import { testDatabase } from '../../support/db.js';
import { bearer } from '../../support/factories.js';
import { buildWorld, type World } from '../dossiers/world.js';
import { CONSENTING_APPLICANT, PORTAL_SECRET, channelEnv, startHttpReceiver, type HttpReceiver } from './fakes.js';

const { db } = testDatabase();
const rowsOf = (dossierId: string) => db.select().from(outbox).where(eq(outbox.dossierId, dossierId));
const rowOf = async (dossierId: string, channel: 'sms' | 'zalo' | 'portal' | 'email') =>
  (
    await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.dossierId, dossierId), eq(outbox.channel, channel)))
  )[0]!;
const logOf = (messageId: string) =>
  db.select().from(outboxDeliveries).where(eq(outboxDeliveries.messageId, messageId)).orderBy(outboxDeliveries.id);

describe('outbox: SMS gateway, Zalo ZNS and the national portal over HTTP', () => {
  let http: HttpReceiver;
  let world: World;
  before(async () => {
    http = await startHttpReceiver();
  });
  after(async () => {
    await http.close();
  });
  beforeEach(async () => {
    http.behave((req) => (req.path === '/zalo' ? { status: 200, body: { error: 0 } } : { status: 200 }));
    world = await buildWorld({ env: channelEnv(http) });
  });
  const keysAt = (path: string, dossierId: string) =>
    http
      .on(path)
      .map((r) => String(r.headers['idempotency-key'] ?? r.json.tracking_id))
      .filter((k) => k.startsWith(dossierId));

  it("records the intake's event and plans its messages with the code: past the day's 9,999th, five digits in each", async () => {
    // Domain B6: the code is taken after the event is written; the outbox records the event then, and the
    // dispatcher plans its messages after the commit, with the code. The 10,000th code is the first with five digits.
    await db.insert(dailyCounters).values({ agencyId: world.department.id, day: '2026-11-23', lastSeq: 9999 });
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    assert.equal(d.code, `${world.department.electronicId}-261123-10000`);
    const [stored] = await db.select().from(dossiers).where(eq(dossiers.id, d.id));
    assert.equal(stored!.code, d.code);
    const [recorded, ...more] = await db.select().from(outboxEvents).where(eq(outboxEvents.dossierId, d.id));
    assert.equal(more.length, 0, 'one record for the event');
    assert.equal(recorded!.eventSeq, 1);
    const context = JSON.stringify(recorded!.context);
    assert.ok(
      !context.includes('pending:') && !context.includes(d.code),
      'no code in the record: it is read when planned',
    );
    assert.equal((await rowsOf(d.id)).length, 0, 'nothing rendered in the intake');
    const counts = await world.services.outboxDispatcher.drain();
    assert.ok(counts.planned >= 1);
    assert.equal((await db.select().from(outboxEvents).where(eq(outboxEvents.dossierId, d.id))).length, 0);
    const rows = await rowsOf(d.id);
    assert.deepEqual(rows.map((r) => r.channel).sort(), ['portal', 'sms', 'zalo']);
    for (const row of rows) {
      const text = JSON.stringify(row.payload);
      assert.ok(text.includes(d.code), `${row.channel}: ${text}`);
      assert.ok(!text.includes('pending:'), `${row.channel}: no provisional code`);
    }
    const shown = await request(world.app).get(`/api/v1/dossiers/${d.id}/messages`).set(bearer(world.receptionist));
    assert.equal(shown.status, 200);
    const sent = shown.body.items as Array<{ channel: string; summary: string | null }>;
    assert.ok(sent.find((m) => m.channel === 'sms')!.summary!.includes(`ho so ${d.code}`), JSON.stringify(sent));
    const sms = String(http.on('/sms').find((r) => r.json.requestId === `${d.id}:1:sms`)!.json.text);
    assert.ok(sms.length <= 160, sms);
    assert.ok(sms.includes(`ho so ${d.code}`), sms);
    assert.ok(sms.includes(`/tra-cuu/${d.code}`), sms);
    const portal = http.on('/portal').find((r) => r.headers['idempotency-key'] === `${d.id}:1:portal`)!;
    assert.equal(portal.json.dossierCode, d.code);
    assert.ok(portal.signatureValid);
  });

  it('gives concurrent intakes with notifications gapless codes, each in its own messages', async () => {
    const ds = await Promise.all(Array.from({ length: 12 }, () => world.intake({ applicant: CONSENTING_APPLICANT })));
    assert.deepEqual(
      ds.map((d) => Number(d.code.slice(-4))).sort((a, b) => a - b),
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    await world.services.outboxDispatcher.drain();
    for (const d of ds) {
      const rows = await rowsOf(d.id);
      assert.equal(rows.length, 3);
      for (const row of rows) assert.ok(JSON.stringify(row.payload).includes(d.code), `${row.channel} of ${d.code}`);
    }
  });

  it('cuts an SMS that does not fit at a word: no half code, no half link', async () => {
    // The shortest intake text is "Da tiep nhan ho so <code>. Tra cuu: <base>/tra-cuu/<code>", 47 characters
    // and the base and twice the code (the day's prefix and 4 digits). This base URL's length makes it 163
    // characters: over 160 within the link's code, which must go whole.
    const prefix = world.department.electronicId.length + 8;
    const base = 116 - 2 * prefix;
    const long = await buildWorld({
      env: channelEnv(http, undefined, { PUBLIC_BASE_URL: `https://dichvucong.${'a'.repeat(base - 26)}.gov.vn` }),
    });
    const d = await long.intake({ applicant: CONSENTING_APPLICANT });
    await long.services.outboxDispatcher.drain();
    const text = String(http.on('/sms').find((r) => r.json.requestId === `${d.id}:1:sms`)!.json.text);
    assert.equal(d.code.length, prefix + 4);
    assert.ok(text.length <= 160, text);
    assert.ok(text.includes(`ho so ${d.code}`), text);
    assert.ok(!text.includes('/tra-cuu/') && !text.includes('dichvucong'), `cut before the link: ${text}`);
  });

  it('delivers the intake on every consented channel and a signed status document to the portal', async () => {
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outbox.planPending(1000);
    assert.deepEqual(
      (await rowsOf(d.id)).map((r) => r.channel).sort(),
      ['portal', 'sms', 'zalo'],
      'no email: the channel is off',
    );
    await world.services.outboxDispatcher.drain();
    const sms = http.on('/sms').find((r) => r.json.requestId === `${d.id}:1:sms`)!;
    assert.equal(sms.headers.authorization, 'Bearer sms-token');
    assert.equal(sms.json.to, '84912345678');
    assert.equal(sms.json.from, 'HUNGYEN');
    const text = String(sms.json.text);
    assert.ok(text.length <= 160, text);
    assert.match(text, new RegExp(`Da tiep nhan ho so ${d.code.replace(/\./g, '\\.')}`));
    assert.doesNotMatch(text, /[^\x20-\x7e]/, 'no tone marks: GSM-7 only');
    const zalo = http.on('/zalo').find((r) => r.json.tracking_id === `${d.id}:1:zalo`)!;
    assert.equal(zalo.headers.access_token, 'zalo-token');
    assert.equal(zalo.json.template_id, 'tpl-intake');
    assert.equal((zalo.json.template_data as Record<string, string>).dossier_code, d.code);
    const portal = http.on('/portal').find((r) => r.headers['idempotency-key'] === `${d.id}:1:portal`)!;
    assert.ok(portal.signatureValid);
    assert.equal(
      portal.headers['x-motcua-signature'],
      `sha256=${createHmac('sha256', PORTAL_SECRET).update(portal.body).digest('hex')}`,
    );
    assert.deepEqual(
      { ...portal.json, eventId: undefined },
      {
        schema: 'motcua.dossier-status/1',
        eventId: undefined,
        sequence: 1,
        event: 'received',
        occurredAt: '2026-11-23T10:00:00+07:00',
        sourceSystem: 'motcua-hungyen',
        dossierCode: d.code,
        procedureCode: world.procedure.code,
        agencyElectronicId: world.department.electronicId,
        receivingAgencyElectronicId: world.center.electronicId,
        channel: 1,
        status: 'received',
        receivedAt: '2026-11-23T10:00:00+07:00',
        dueAt: '2026-11-26T17:00:00+07:00',
        promisedAt: null,
        finishedAt: null,
        returnedAt: null,
        withdrawnAt: null,
        outcome: null,
        timeliness: 'within',
        supplementCount: 0,
      },
    );
    assert.ok((await rowsOf(d.id)).every((r) => r.status === 'sent' && r.sentAt));
  });

  it('syncs the portal on every status change, and tells the citizen of the decision with the timeliness', async () => {
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    world.clock.set('2026-11-24T09:00');
    assert.equal((await world.act(d.id, 'forward', world.receptionist)).status, 200);
    assert.equal((await world.act(d.id, 'forward', world.officer)).status, 200); // processing → processing: no sync
    world.clock.set('2026-11-25T10:00');
    assert.equal((await world.act(d.id, 'decide', world.leader, { outcome: 'approved' })).status, 200);
    await world.services.outboxDispatcher.drain();
    // Documents may arrive out of order (parallel sends; docs/integration.md "Ordering"): the receiver sorts by sequence.
    const docs = http
      .on('/portal')
      .filter((r) => r.json.dossierCode === d.code)
      .map((r) => [r.json.sequence, r.json.status, r.json.timeliness])
      .sort((x, y) => Number(x[0]) - Number(y[0]));
    assert.deepEqual(docs, [
      [1, 'received', 'within'],
      [2, 'processing', 'within'],
      [4, 'decided', 'early'],
    ]);
    const result = http.on('/sms').find((r) => r.json.requestId === `${d.id}:4:sms`)!;
    assert.match(String(result.json.text), /da co ket qua\. Moi nhan tai/);
  });

  it('retries a failing gateway with exponential backoff and jitter, then marks the message dead after N attempts', async () => {
    http.behave((req) =>
      req.path === '/sms' ? { status: 503, body: { error: 'busy' } } : { status: 200, body: { error: 0 } },
    );
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    const t0 = world.clock.t;
    await world.services.outboxDispatcher.runOnce();
    let row = await rowOf(d.id, 'sms');
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.match(row.lastError ?? '', /HTTP 503/);
    const wait1 = row.nextAttemptAt.getTime() - t0;
    assert.ok(wait1 >= 30_000 && wait1 <= 60_000, `first wait in [base/2, base]: ${wait1}`);
    await world.services.outboxDispatcher.runOnce();
    assert.equal((await rowOf(d.id, 'sms')).attempts, 1, 'not due yet: not sent again');

    world.clock.t = row.nextAttemptAt.getTime();
    const t1 = world.clock.t;
    await world.services.outboxDispatcher.runOnce();
    row = await rowOf(d.id, 'sms');
    const wait2 = row.nextAttemptAt.getTime() - t1;
    assert.ok(wait2 >= 60_000 && wait2 <= 120_000, `second wait doubles: ${wait2}`);

    world.clock.t = row.nextAttemptAt.getTime();
    await world.services.outboxDispatcher.runOnce();
    row = await rowOf(d.id, 'sms');
    assert.equal(row.status, 'dead');
    assert.equal(row.attempts, 3);
    assert.match(row.lastError ?? '', /HTTP 503/);
    assert.deepEqual(
      (await logOf(row.id)).map((l) => [l.attempt, l.outcome, l.statusCode]),
      [
        [1, 'failed', 503],
        [2, 'failed', 503],
        [3, 'dead', 503],
      ],
    );
    assert.equal(keysAt('/sms', d.id).length, 3);

    world.clock.t += 10 * 3_600_000;
    await world.services.outboxDispatcher.drain();
    assert.equal(keysAt('/sms', d.id).length, 3, 'a dead message is never sent again by itself');
  });

  it('gives up at once on a permanent refusal (HTTP 400, ZNS -108)', async () => {
    http.behave((req) =>
      req.path === '/sms'
        ? { status: 400, body: { error: 'invalid phone' } }
        : req.path === '/zalo'
          ? { status: 200, body: { error: -108, message: 'Phone number is invalid' } }
          : { status: 200 },
    );
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outboxDispatcher.drain();
    assert.equal((await rowOf(d.id, 'sms')).status, 'dead');
    assert.equal((await rowOf(d.id, 'zalo')).status, 'dead');
    assert.match((await rowOf(d.id, 'zalo')).lastError ?? '', /ZNS error -108/);
    assert.equal((await rowOf(d.id, 'portal')).status, 'sent');
  });

  it('counts a receiver that never answers as a timeout, and a slow one that answers in time as sent', async () => {
    http.behave((req) =>
      req.path === '/portal'
        ? 'hang'
        : req.path === '/sms'
          ? { status: 200, delayMs: 600 }
          : { status: 200, body: { error: 0 } },
    );
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outboxDispatcher.runOnce();
    const portal = await rowOf(d.id, 'portal');
    assert.equal(portal.status, 'pending');
    assert.match(portal.lastError ?? '', /timeout after 2000 ms/);
    const [attempt] = await logOf(portal.id);
    assert.ok(attempt!.durationMs >= 1900, `the attempt lasted the time limit: ${attempt!.durationMs}`);
    const sms = await rowOf(d.id, 'sms');
    assert.equal(sms.status, 'sent');
    assert.ok((await logOf(sms.id))[0]!.durationMs >= 550);
  });

  it('refuses a document whose signature does not match (the receiver checks the HMAC)', async () => {
    const wrong = await buildWorld({
      env: channelEnv(http, undefined, { PORTAL_SYNC_SECRET: 'another-secret-that-is-long-enough-0123456789' }),
    });
    const d = await wrong.intake();
    await wrong.services.outboxDispatcher.drain();
    const row = await rowOf(d.id, 'portal');
    assert.equal(row.status, 'dead');
    assert.match(row.lastError ?? '', /HTTP 401/);
  });

  it("runs a later action's listener statement in its event's insert, and rolls the action back whole when it fails", async () => {
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    const other = await world.intake();
    await world.services.outboxDispatcher.drain();
    let planned = 0;
    // The listener's statement rides in the event's insert, so it cannot see the event (one snapshot): it then
    // writes a message that exists already (the other dossier's portal message of its intake), which fails them
    // together. Run after the insert, it would write nothing.
    world.services.dossiers.onEvent(async (_tx, event, dossier) => {
      if (event.type !== 'request-supplement' || dossier.id !== d.id) return null;
      planned++;
      assert.equal(event.seq, 2);
      return sql`insert into outbox (channel, recipient, template, payload, idempotency_key, dossier_id, event_seq,
        next_attempt_at, created_at) select 'portal', 'portal', 'status', '{}', ${`${other.id}:1:portal`},
        ${other.id}, 1, now(), now()
        where not exists (select 1 from dossier_events where dossier_id = ${dossier.id} and seq = ${event.seq})`;
    });
    const res = await world.act(d.id, 'request-supplement', world.receptionist, {
      items: ['Ảnh 4x6'],
      reason: 'Thiếu ảnh',
    });
    assert.equal(res.status, 409);
    assert.equal(planned, 1);
    const [stored] = await db.select().from(dossiers).where(eq(dossiers.id, d.id));
    assert.deepEqual([stored!.status, stored!.version], ['received', 1]);
    assert.deepEqual(
      (await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, d.id))).map((e) => e.type),
      ['received'],
    );
    assert.deepEqual(
      (await rowsOf(d.id)).map((m) => m.eventSeq),
      [1, 1, 1],
    );
    assert.equal((await db.select().from(outboxEvents).where(eq(outboxEvents.dossierId, d.id))).length, 0);
  });

  it('writes nothing, and sends nothing, for an intake whose transaction rolls back after the event', async () => {
    const before = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outboxDispatcher.drain();
    let dossierId = '';
    // A later listener of the same write path writes a message that exists already (the earlier dossier's
    // portal message of its intake): its statement runs with the outbox's, and the intake's transaction rolls
    // back as a whole.
    world.services.dossiers.onEvent(async (_tx, event, dossier) => {
      if (event.type !== 'received' || dossier.applicantName !== 'Phạm Văn Lùi') return null;
      dossierId = dossier.id;
      assert.match(dossier.code, /^pending:/, 'at intake the code is not taken yet');
      return sql`insert into outbox (channel, recipient, template, payload, idempotency_key, dossier_id, event_seq,
        next_attempt_at, created_at) values ('portal', 'portal', 'status', '{}', ${`${before.id}:1:portal`},
        ${before.id}, 1, now(), now())`;
    });
    const res = await request(world.app)
      .post('/api/v1/dossiers')
      .set(bearer(world.receptionist))
      .send({
        procedureCode: world.procedure.code,
        channel: 'direct',
        applicant: { ...CONSENTING_APPLICANT, name: 'Phạm Văn Lùi' },
      });
    assert.equal(res.status, 409);
    assert.ok(dossierId);
    assert.equal((await rowsOf(dossierId)).length, 0);
    assert.equal((await db.select().from(outboxEvents).where(eq(outboxEvents.dossierId, dossierId))).length, 0);
    assert.equal((await db.select().from(dossiers).where(eq(dossiers.id, dossierId))).length, 0);
    // Domain B6: the rolled-back intake used no number of the day.
    const next = await world.intake();
    assert.equal(Number(next.code.slice(-4)), Number(before.code.slice(-4)) + 1);
    await world.services.outboxDispatcher.drain();
    assert.equal(http.received.filter((r) => r.body.includes(dossierId)).length, 0);
  });

  it('two dispatchers racing plan and send each message once', async () => {
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push((await world.intake({ applicant: CONSENTING_APPLICANT })).id);
    http.behave(() => ({ status: 200, delayMs: 20, body: { error: 0 } }));
    const second = createDispatcher(db, {
      clock: world.clock,
      logger: pino({ level: 'silent' }),
      channels: buildChannels(world.config.outbox),
      options: { ...world.config.outbox, batchSize: 3 },
      plan: (limit) => world.services.outbox.planPending(limit),
    });
    await Promise.all([world.services.outboxDispatcher.drain(), second.drain(), second.drain()]);
    for (const id of ids) {
      assert.deepEqual(keysAt('/sms', id), [`${id}:1:sms`]);
      assert.equal(keysAt('/portal', id).length, 1);
      assert.ok((await rowsOf(id)).every((r) => r.status === 'sent' && r.attempts === 1));
    }
  });

  it('delivers what is planned when a planning round fails, and logs the failure', async () => {
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outbox.planPending(1000);
    const lines: string[] = [];
    const broken = createDispatcher(db, {
      clock: world.clock,
      logger: pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }),
      channels: buildChannels(world.config.outbox),
      options: world.config.outbox,
      plan: () => Promise.reject(new Error('database away')),
    });
    const counts = await broken.runOnce();
    assert.equal(counts.planned, 0);
    assert.ok(counts.sent >= 3, JSON.stringify(counts));
    assert.deepEqual(keysAt('/sms', d.id), [`${d.id}:1:sms`]);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /outbox planning round failed/);
  });

  it('takes again a message left in "sending" by a killed process once its lease expires', async () => {
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outbox.planPending(1000);
    const lease = new Date(world.clock.t + world.config.outbox.leaseMs);
    // What a process killed mid-send leaves behind: the claim committed, no outcome.
    await db
      .update(outbox)
      .set({ status: 'sending', attempts: 1, leaseUntil: lease })
      .where(eq(outbox.dossierId, d.id));
    await world.services.outboxDispatcher.drain();
    assert.equal(keysAt('/sms', d.id).length, 0, 'the lease still holds');
    world.clock.t = lease.getTime();
    await world.services.outboxDispatcher.drain();
    const row = await rowOf(d.id, 'sms');
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 2);
    assert.deepEqual(
      (await logOf(row.id)).map((l) => [l.attempt, l.outcome]),
      [
        [1, 'lease_expired'],
        [2, 'sent'],
      ],
    );
    assert.equal(keysAt('/sms', d.id).length, 1);
  });
});
