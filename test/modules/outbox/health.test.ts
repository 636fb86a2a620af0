import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { outbox, outboxDeliveries } from '../../../src/db/schema/index.js';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../../../src/modules/outbox/channels/channel.js';
import type { RunningProcess } from '../../../src/process.js';
import { makeProcess, testConfig } from '../../support/app.js';
import { testDatabase } from '../../support/db.js';
import { TestClock } from '../../support/factories.js';

const { db } = testDatabase();

/** An SMS adapter whose sends hang until the test releases them (one that ignores its time limit). */
function hangingAdapter() {
  const sends: OutboundMessage[] = [];
  const pending: Array<(r: SendResult) => void> = [];
  const adapter: ChannelAdapter = {
    channel: 'sms',
    send(message) {
      sends.push(message);
      return new Promise<SendResult>((resolve) => pending.push(resolve));
    },
  };
  return {
    adapter,
    sends,
    release: () => {
      for (const resolve of pending.splice(0)) resolve({ ok: true, statusCode: 200 });
    },
  };
}

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Poll 20 ms × 10 + send limit 1000 ms: silent for more than 1.2 s of the app clock = stalled.
const STALL_ENV = {
  OUTBOX_POLL_MS: '20',
  OUTBOX_STALL_POLLS: '10',
  OUTBOX_SEND_TIMEOUT_MS: '1000',
  JOBS_ENABLED: 'false',
};

describe('outbox: /healthz answers 503 when the dispatcher loop stalls', () => {
  const running: RunningProcess[] = [];
  const hangs: Array<ReturnType<typeof hangingAdapter>> = [];
  afterEach(async () => {
    // A failed assertion leaves a send hanging: end it, or stopping would wait for it forever.
    for (const h of hangs.splice(0)) h.release();
    for (const r of running.splice(0)) await r.stop();
  });

  for (const role of ['worker', 'all'] as const) {
    it(`${role}: 200 while rounds go on (even as time passes), 503 problem+json once a round hangs too long, 200 after`, async () => {
      // A year no other test uses: this dispatcher finds only the message this test writes.
      const clock = new TestClock(Date.parse('2001-03-05T08:00:00Z') + (role === 'all' ? 86_400_000 : 0));
      const hang = hangingAdapter();
      hangs.push(hang);
      const { motcua } = makeProcess({ env: { PROCESS_ROLE: role, ...STALL_ENV }, clock, channels: [hang.adapter] });
      running.push(await motcua.start({ catchUp: false }));
      const health = () => request(motcua.app).get('/healthz');
      const dispatcher = motcua.services.outboxDispatcher;
      const aRound = async () => {
        const before = dispatcher.status().lastRoundAt?.getTime();
        await until('a dispatch round', () => (dispatcher.status().lastRoundAt?.getTime() ?? -1) !== before);
      };

      await aRound();
      let res = await health();
      assert.equal(res.status, 200);
      if (role === 'worker') assert.equal(res.body.dispatcher.stalled, false);
      // An idle loop keeps making rounds: a minute of the clock later it is still healthy.
      clock.t += 60_000;
      await until('a round at the new time', () => dispatcher.status().lastRoundAt?.getTime() === clock.t);
      assert.equal((await health()).status, 200);

      const [message] = await db
        .insert(outbox)
        .values({
          channel: 'sms',
          recipient: '84912345678',
          template: 'intake',
          payload: { text: 'Da tiep nhan ho so', unicode: false },
          idempotencyKey: `health-test:${role}:${clock.t}`,
          nextAttemptAt: clock.now(),
          createdAt: clock.now(),
        })
        .returning();
      await until('the send that hangs', () => hang.sends.length === 1);
      const silentFrom = dispatcher.status().lastActivityAt!.getTime();

      clock.t = silentFrom + 1200; // exactly the allowance: not yet stalled
      res = await health();
      assert.equal(res.status, 200);
      clock.t = silentFrom + 1201;
      res = await health();
      assert.equal(res.status, 503);
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
      assert.equal(res.body.code, 'OUTBOX_DISPATCHER_STALLED');
      assert.equal(res.body.status, 503);
      assert.equal(res.body.type, 'urn:motcua:problem:OUTBOX_DISPATCHER_STALLED');
      assert.match(res.body.detail, /1 giây/);
      assert.equal(res.body.dispatcher.stalled, true);
      assert.equal(res.body.dispatcher.running, true);
      assert.equal(Date.parse(res.body.dispatcher.lastActivityAt), silentFrom);
      if (role === 'worker') assert.equal(res.body.role, 'worker');
      const en = await health().set('Accept-Language', 'en');
      assert.match(en.body.detail, /stalled: no round or delivery attempt finished for 1 s \(limit 1 s\)/);

      // The attempt ends at last: its outcome is a sign of life, and the process is healthy again.
      hang.release();
      await until('the outcome', async () => {
        const [row] = await db.select().from(outbox).where(eq(outbox.id, message!.id));
        return row!.status === 'sent';
      });
      await until('healthy again', async () => (await health()).status === 200);
      const log = await db.select().from(outboxDeliveries).where(eq(outboxDeliveries.messageId, message!.id));
      assert.deepEqual(
        log.map((l) => [l.attempt, l.outcome]),
        [[1, 'sent']],
      );
    });
  }

  it('an api process (no dispatcher) is never stalled, whatever the clock says', async () => {
    const clock = new TestClock(Date.parse('2001-03-07T08:00:00Z'));
    const { motcua } = makeProcess({
      env: { PROCESS_ROLE: 'api', ...STALL_ENV },
      clock,
      channels: [hangingAdapter().adapter],
    });
    running.push(await motcua.start({ catchUp: false }));
    clock.t += 3_600_000;
    const res = await request(motcua.app).get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('OUTBOX_STALL_POLLS is a whole number of at least 2', () => {
    assert.equal(testConfig().outbox.stallPolls, 30);
    assert.throws(() => testConfig({ OUTBOX_STALL_POLLS: '1' }), /OUTBOX_STALL_POLLS/);
    assert.throws(() => testConfig({ OUTBOX_STALL_POLLS: 'soon' }), /OUTBOX_STALL_POLLS/);
  });
});
