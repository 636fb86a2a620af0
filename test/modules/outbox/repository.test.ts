import { strict as assert } from 'node:assert';
import { eq, inArray } from 'drizzle-orm';
import { outbox, outboxDeliveries } from '../../../src/db/schema/index.js';
import { claimDue, recordOutcomes } from '../../../src/modules/outbox/outbox.repository.js';
import { testDatabase } from '../../support/db.js';

const { db } = testDatabase();
// A year no other test uses: claims here see only the rows this file writes.
const T0 = Date.parse('2002-06-03T02:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const LEASE = 60_000;

const written: string[] = [];
async function message(key: string, o: Partial<typeof outbox.$inferInsert> = {}) {
  const [row] = await db
    .insert(outbox)
    .values({
      channel: 'sms',
      recipient: '84912345678',
      template: 'intake',
      payload: { text: 'x', unicode: false },
      idempotencyKey: `repository-test:${key}:${T0}`,
      nextAttemptAt: at(0),
      createdAt: at(0),
      ...o,
    })
    .returning();
  written.push(row!.id);
  return row!;
}
const rowOf = async (id: string) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
const logOf = (ids: string[]) =>
  db.select().from(outboxDeliveries).where(inArray(outboxDeliveries.messageId, ids)).orderBy(outboxDeliveries.id);

describe('outbox repository: claims and outcomes as set-based statements', () => {
  // Nothing of this file stays due for the dispatchers of later tests.
  afterEach(async () => {
    const ids = written.splice(0);
    await db.delete(outboxDeliveries).where(inArray(outboxDeliveries.messageId, ids));
    await db.delete(outbox).where(inArray(outbox.id, ids));
  });

  it('claims due messages of its channels in one statement, logging a lost lease for each taken back', async () => {
    const due = await message('due');
    const expired = await message('expired', { status: 'sending', attempts: 2, leaseUntil: at(-1) });
    const leased = await message('leased', { status: 'sending', attempts: 1, leaseUntil: at(LEASE) });
    const later = await message('later', { nextAttemptAt: at(1) });
    const email = await message('email', { channel: 'email', recipient: 'a@example.vn' });
    const sent = await message('sent', { status: 'sent', attempts: 1 });

    const claimed = await claimDue(db, { now: at(0), leaseMs: LEASE, limit: 50, channels: ['sms', 'portal'] });
    assert.deepEqual(claimed.map((c) => [c.idempotencyKey.split(':')[1], c.attempts, c.reclaimed]).sort(), [
      ['due', 1, false],
      ['expired', 3, true],
    ]);
    assert.deepEqual((claimed.find((c) => c.id === due.id)!.payload as { text: string }).text, 'x');
    for (const c of claimed) {
      const row = await rowOf(c.id);
      assert.equal(row.status, 'sending');
      assert.equal(row.leaseUntil?.getTime(), T0 + LEASE);
    }
    for (const [m, status, attempts] of [
      [leased, 'sending', 1],
      [later, 'pending', 0],
      [email, 'pending', 0],
      [sent, 'sent', 1],
    ] as const)
      assert.deepEqual([(await rowOf(m.id)).status, (await rowOf(m.id)).attempts], [status, attempts]);
    assert.deepEqual(
      (await logOf([due.id, expired.id, leased.id, later.id, email.id, sent.id])).map((l) => [
        l.messageId,
        l.attempt,
        l.outcome,
        l.startedAt.getTime(),
      ]),
      [[expired.id, 2, 'lease_expired', T0]],
    );
    assert.deepEqual(await claimDue(db, { now: at(0), leaseMs: LEASE, limit: 50, channels: ['sms'] }), [], 'taken');
    assert.deepEqual(await claimDue(db, { now: at(0), leaseMs: LEASE, limit: 50, channels: [] }), []);
  });

  it('records many outcomes at once, fenced by the attempt number, with every attempt in the log', async () => {
    const ok = await message('ok', { status: 'sending', attempts: 1, leaseUntil: at(LEASE) });
    const retry = await message('retry', { status: 'sending', attempts: 2, leaseUntil: at(LEASE) });
    const dead = await message('dead', { status: 'sending', attempts: 3, leaseUntil: at(LEASE) });
    // Taken over by another dispatcher after this one's lease expired: now on attempt 2.
    const stale = await message('stale', { status: 'sending', attempts: 2, leaseUntil: at(LEASE) });
    // What receivers answer can hold anything: quotes, commas, braces, backslashes, the word NULL.
    const odd = 'HTTP 503: {"error":"bận, thử lại"} \\ \'NULL\' NULL {a,b}';
    const common = { startedAt: at(10), finishedAt: at(30), durationMs: 20 };
    const updated = await recordOutcomes(db, [
      { message: ok, outcome: { status: 'sent', statusCode: 200, ...common } },
      {
        message: retry,
        outcome: { status: 'pending', error: odd, statusCode: 503, nextAttemptAt: at(90_000), ...common },
      },
      { message: dead, outcome: { status: 'dead', error: 'timeout after 2000 ms', ...common } },
      { message: { id: stale.id, attempts: 1 }, outcome: { status: 'sent', statusCode: 200, ...common } },
    ]);
    assert.equal(updated, 3, 'the stale attempt changes nothing');

    const okRow = await rowOf(ok.id);
    assert.deepEqual(
      [okRow.status, okRow.sentAt?.getTime(), okRow.leaseUntil, okRow.lastError],
      ['sent', T0 + 30, null, null],
    );
    const retryRow = await rowOf(retry.id);
    assert.deepEqual(
      [retryRow.status, retryRow.nextAttemptAt.getTime(), retryRow.lastError, retryRow.sentAt],
      ['pending', T0 + 90_000, odd, null],
    );
    const deadRow = await rowOf(dead.id);
    assert.deepEqual(
      [deadRow.status, deadRow.nextAttemptAt.getTime(), deadRow.lastError],
      ['dead', T0, 'timeout after 2000 ms'],
    );
    const staleRow = await rowOf(stale.id);
    assert.deepEqual([staleRow.status, staleRow.attempts, staleRow.sentAt], ['sending', 2, null]);

    assert.deepEqual(
      (await logOf([ok.id, retry.id, dead.id, stale.id]))
        .map((l) => [l.messageId, l.attempt, l.outcome, l.statusCode, l.error, l.durationMs, l.startedAt.getTime()])
        .sort(),
      [
        [ok.id, 1, 'sent', 200, null, 20, T0 + 10],
        [retry.id, 2, 'failed', 503, odd, 20, T0 + 10],
        [dead.id, 3, 'dead', null, 'timeout after 2000 ms', 20, T0 + 10],
        [stale.id, 1, 'sent', 200, null, 20, T0 + 10],
      ].sort(),
    );
    assert.equal(await recordOutcomes(db, []), 0);
  });

  it('keeps the key of a message without dossier or event unique (the write path keys them by both)', async () => {
    const lone = await message('lone');
    await assert.rejects(message('lone'));
    const same = await db.select().from(outbox).where(eq(outbox.idempotencyKey, lone.idempotencyKey));
    assert.deepEqual(
      same.map((m) => m.id),
      [lone.id],
    );
  });
});
