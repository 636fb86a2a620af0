import { strict as assert } from 'node:assert';
import { eq, inArray } from 'drizzle-orm';
import request from 'supertest';
import { jobRuns, outbox, outboxDeliveries } from '../../src/db/schema/index.js';
import { testDatabase } from '../support/db.js';
import { bearer } from '../support/factories.js';
import { buildWorld, type World } from '../modules/dossiers/world.js';
import { CONSENTING_APPLICANT, channelEnv, startHttpReceiver, type HttpReceiver } from '../modules/outbox/fakes.js';

const { db } = testDatabase();

interface Stored {
  id: string;
  channel: string;
  status: string;
  deliveries: number;
}

/** Every stored message of the dossiers, with the size of its delivery log, in a stable order. */
async function stored(dossierIds: string[]): Promise<Map<string, Stored>> {
  const rows = await db.select().from(outbox).where(inArray(outbox.dossierId, dossierIds));
  const log = rows.length
    ? await db
        .select()
        .from(outboxDeliveries)
        .where(
          inArray(
            outboxDeliveries.messageId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return new Map(
    rows.map((r) => [
      `${r.dossierId}:${r.channel}`,
      {
        id: r.id,
        channel: r.channel,
        status: r.status,
        deliveries: log.filter((d) => d.messageId === r.id).length,
      },
    ]),
  );
}

const deliveriesOf = async (ids: string[]) =>
  (await db.select().from(outboxDeliveries).where(inArray(outboxDeliveries.messageId, ids))).length;

describe('jobs: outbox retention (sent and dead messages and their delivery log)', () => {
  let http: HttpReceiver;
  before(async () => {
    http = await startHttpReceiver();
  });
  after(async () => {
    await http.close();
  });
  /** The receiver answers `status` on `path` and accepts everything else. */
  const failing = (path: string | undefined, status = 200) =>
    http.behave((req) =>
      req.path === path ? { status } : req.path === '/zalo' ? { status: 200, body: { error: 0 } } : { status: 200 },
    );
  const allOk = () => failing(undefined);

  /** An intake at `at` (Hà Nội time), delivered (or not) by the dispatcher at that instant. */
  async function intakeAt(world: World, at: string) {
    world.clock.set(at);
    const d = await world.intake({ applicant: CONSENTING_APPLICANT });
    await world.services.outboxDispatcher.drain();
    return d.id;
  }

  it('deletes sent messages past OUTBOX_RETENTION_DAYS and dead ones past OUTBOX_DEAD_RETENTION_DAYS, in batches, and keeps the rest', async () => {
    const world = await buildWorld({
      env: channelEnv(http, undefined, {
        OUTBOX_RETENTION_DAYS: '90',
        OUTBOX_DEAD_RETENTION_DAYS: '365',
        OUTBOX_RETENTION_BATCH_SIZE: '2',
      }),
    });
    failing('/portal', 400); // refused for good: dead at once
    const veryOld = await intakeAt(world, '2025-10-01T09:00'); // portal dead 418 days before the run
    allOk();
    const old = await intakeAt(world, '2026-05-06T09:00'); // all sent 201 days before
    failing('/sms', 400);
    const oldWithDead = await intakeAt(world, '2026-05-07T09:00'); // sms dead 200 days before: kept
    allOk();
    const recent = await intakeAt(world, '2026-11-20T09:00'); // all sent 3 days before: kept
    failing('/zalo', 500); // fails, will retry: still pending at the run, however old
    const oldPending = await intakeAt(world, '2026-05-08T09:00');
    const ids = [veryOld, old, oldWithDead, recent, oldPending];

    const before = await stored(ids);
    const status = (dossier: string, channel: string) => before.get(`${dossier}:${channel}`)?.status;
    assert.deepEqual(
      ids.map((d) => ['sms', 'zalo', 'portal'].map((c) => status(d, c))),
      [
        ['sent', 'sent', 'dead'],
        ['sent', 'sent', 'sent'],
        ['dead', 'sent', 'sent'],
        ['sent', 'sent', 'sent'],
        ['sent', 'pending', 'sent'],
      ],
    );
    assert.ok(
      [...before.values()].every((m) => m.deliveries === 1),
      'one attempt each in the log',
    );

    world.clock.set('2026-11-23T10:00');
    const run = await world.services.scheduler.runByName('outbox-retention');
    assert.equal(run.status, 'succeeded', String(run.error));
    const detail = run.detail as Record<string, number | string>;
    assert.equal(detail.sentBefore, '2026-08-25T10:00:00+07:00');
    assert.equal(detail.deadBefore, '2025-11-23T10:00:00+07:00');
    // Other tests' old rows may go too: at least ours (8 sent, 1 dead, 9 attempts), two at a time.
    assert.ok(Number(detail.sentDeleted) >= 8, JSON.stringify(detail));
    assert.ok(Number(detail.deadDeleted) >= 1, JSON.stringify(detail));
    assert.ok(Number(detail.deliveriesDeleted) >= 9, JSON.stringify(detail));
    assert.ok(Number(detail.batches) >= 4 + 1, JSON.stringify(detail));

    const after = await stored(ids);
    const kept = [...after.keys()].sort();
    assert.deepEqual(
      kept,
      [`${oldWithDead}:sms`, `${recent}:sms`, `${recent}:zalo`, `${recent}:portal`, `${oldPending}:zalo`].sort(),
    );
    for (const key of kept) assert.deepEqual(after.get(key), before.get(key), `${key} is untouched`);
    const goneIds = [...before.entries()].filter(([key]) => !after.has(key)).map(([, m]) => m.id);
    assert.equal(goneIds.length, 10);
    assert.equal(await deliveriesOf(goneIds), 0, 'their delivery log went with them');

    const [recorded] = await db.select().from(jobRuns).where(eq(jobRuns.id, run.id));
    assert.equal(recorded!.job, 'outbox-retention');
    assert.equal(recorded!.status, 'succeeded');

    // Idempotent: run again for the same instant, nothing more goes.
    const again = await world.services.scheduler.runByName('outbox-retention');
    assert.equal(again.status, 'succeeded');
    assert.deepEqual(
      { ...(again.detail as object), sentBefore: undefined, deadBefore: undefined },
      {
        sentDeleted: 0,
        deadDeleted: 0,
        deliveriesDeleted: 0,
        batches: 2,
        sentBefore: undefined,
        deadBefore: undefined,
      },
    );
    assert.deepEqual(await stored(ids), after);
  });

  it('keeps dead messages until retried when OUTBOX_DEAD_RETENTION_DAYS=0; once retried and sent they age from delivery', async () => {
    const world = await buildWorld({
      env: channelEnv(http, undefined, { OUTBOX_DEAD_RETENTION_DAYS: '0', OUTBOX_RETENTION_CRON: '0 2 * * *' }),
    });
    assert.equal(world.config.outbox.retention.cron, '0 2 * * *');
    failing('/sms', 400);
    const d = await intakeAt(world, '2025-07-15T09:00');
    const sms = (await stored([d])).get(`${d}:sms`)!;
    assert.equal(sms.status, 'dead');

    world.clock.set('2026-11-23T10:00');
    const run = await world.services.scheduler.runByName('outbox-retention');
    assert.equal(run.status, 'succeeded', String(run.error));
    assert.equal((run.detail as Record<string, unknown>).deadBefore, undefined, 'no cutoff for dead messages');
    assert.deepEqual([...(await stored([d])).keys()], [`${d}:sms`], 'the dead one stays, the sent ones went');

    // An administrator sends it again 91 days before the next run: it is then kept 90 days from delivery.
    allOk();
    world.clock.set('2026-11-24T09:00');
    await request(world.app).post(`/api/v1/outbox/${sms.id}/retry`).set(bearer(world.admin)).expect(200);
    await world.services.outboxDispatcher.drain();
    assert.equal((await stored([d])).get(`${d}:sms`)?.status, 'sent');
    world.clock.set('2027-02-21T10:00'); // 89 days after delivery
    await world.services.scheduler.runByName('outbox-retention');
    assert.equal((await stored([d])).get(`${d}:sms`)?.deliveries, 2, 'kept, with both attempts');
    world.clock.set('2027-02-23T10:00'); // 91 days after
    await world.services.scheduler.runByName('outbox-retention');
    assert.equal((await stored([d])).size, 0);
    assert.equal(await deliveriesOf([sms.id]), 0);
  });
});
