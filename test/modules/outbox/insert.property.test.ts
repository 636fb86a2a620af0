import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { outbox } from '../../../src/db/schema/index.js';
import { claimDue, insertMessages, messagesInsert } from '../../../src/modules/outbox/outbox.repository.js';
import type { PlannedMessage } from '../../../src/modules/outbox/outbox.types.js';
import { testDatabase } from '../../support/db.js';
import { buildWorld } from '../dossiers/world.js';

const { db } = testDatabase();

/** Text a client can get stored (src/http/strings.ts refuses NUL and lone surrogates before any write). */
const storable = fc.string({
  unit: fc.constantFrom('a', 'ồ', 'Đ', '"', '\\', '\n', '\t', '/', '*', ' ', '\u2028', '😀', '-', '.', '0'),
});
const payloadArb = fc
  .record({
    text: storable,
    templateData: fc
      .dictionary(fc.constantFrom('customer_name', 'dossier_code', 'due_at', 'tên "ồ"\\'), storable, { maxKeys: 4 })
      .map((d) => ({ ...d })),
    n: fc.integer(),
    on: fc.boolean(),
  })
  .map((r) => ({ ...r })); // plain objects, as the planner's

describe('outbox: the messages of an event as one JSON parameter (property)', () => {
  let dossierId: string;
  let code: string;
  let seq = 1000;
  before(async () => {
    ({ id: dossierId, code } = await (await buildWorld()).intake());
  });
  const planned = (payloads: object[]): PlannedMessage[] =>
    payloads.map((payload, i) => {
      seq++;
      return {
        channel: (['sms', 'zalo', 'portal'] as const)[i % 3]!,
        recipient: i % 3 === 2 ? 'portal' : '84912345678',
        template: 'intake',
        payload: payload as PlannedMessage['payload'],
        idempotencyKey: `${dossierId}:${seq}:insert-property`,
        dossierId,
        eventSeq: seq,
      };
    });
  const stored = async (m: PlannedMessage) =>
    (await db.select().from(outbox).where(eq(outbox.idempotencyKey, m.idempotencyKey)))[0]!;

  it('stores every payload, recipient and key exactly as planned', async function () {
    this.timeout(60_000);
    await fc.assert(
      fc.asyncProperty(fc.array(payloadArb, { minLength: 1, maxLength: 4 }), async (payloads) => {
        const messages = planned(payloads);
        const at = new Date('2026-11-23T03:00:00Z');
        await insertMessages(db, messages, at);
        for (const m of messages) {
          const row = await stored(m);
          assert.deepEqual(row.payload, m.payload);
          assert.deepEqual(
            [row.channel, row.recipient, row.template, row.dossierId, row.eventSeq, row.status, row.attempts],
            [m.channel, m.recipient, m.template, dossierId, m.eventSeq, 'pending', 0],
          );
          assert.equal(row.nextAttemptAt.getTime(), at.getTime());
          assert.equal(row.createdAt.getTime(), at.getTime());
        }
        // UUIDv7 ids, in the order written: the primary key grows at its right edge.
        const ids = await Promise.all(messages.map(async (m) => (await stored(m)).id));
        for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/);
        assert.deepEqual([...ids].sort(), ids);
      }),
      { numRuns: 40 },
    );
  });

  it("puts the dossier's code wherever an intake left its placeholder, at the first claim, in payloads only (domain B6)", async function () {
    this.timeout(60_000);
    const placeholder = `${code.slice(0, -4)}******`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(storable, storable), { minLength: 1, maxLength: 3 }), async (parts) => {
        // An e-mail address may hold `*` (and so the placeholder), and a key is the client's: neither changes.
        const messages = planned(
          parts.map(([a, b]) => ({ text: `${a}${placeholder}${b}`, url: `/tra-cuu/${placeholder}` })),
        ).map((m, i) => ({
          ...m,
          channel: 'email' as const,
          recipient: `${placeholder}.${i}@example.vn`,
          idempotencyKey: `${m.idempotencyKey}:${placeholder}`,
        }));
        await db.execute(messagesInsert(messages, new Date(), placeholder));
        for (const m of messages) {
          const row = await stored(m);
          assert.deepEqual([row.payload, row.codePlaceholder], [m.payload, placeholder], 'kept until the claim');
        }
        const claimed = await claimDue(db, { now: new Date(), leaseMs: 3_600_000, limit: 50, channels: ['email'] });
        assert.deepEqual(claimed.map((c) => c.idempotencyKey).sort(), messages.map((m) => m.idempotencyKey).sort());
        for (const [i, m] of messages.entries()) {
          const [a, b] = parts[i]!;
          const expected = { text: `${a}${code}${b}`, url: `/tra-cuu/${code}` };
          const row = await stored(m);
          assert.deepEqual(claimed.find((c) => c.idempotencyKey === m.idempotencyKey)!.payload, expected);
          assert.deepEqual([row.payload, row.codePlaceholder, row.recipient], [expected, null, m.recipient]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('keeps a message whose key exists as it was (the same event planned twice)', async () => {
    const [first] = planned([{ text: 'first' }]);
    await insertMessages(db, [first!], new Date());
    await insertMessages(db, [{ ...first!, payload: { text: 'second' } as PlannedMessage['payload'] }], new Date());
    assert.deepEqual((await stored(first!)).payload, { text: 'first' });
  });
});
