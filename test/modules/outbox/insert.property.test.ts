import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { outbox } from '../../../src/db/schema/index.js';
import { contextOf, fromContext, normalisePhone } from '../../../src/modules/outbox/outbox.plan.js';
import {
  deleteEvents,
  eventInsert,
  insertMessages,
  takeEvents,
} from '../../../src/modules/outbox/outbox.repository.js';
import type { PlanSettings, PlannedMessage } from '../../../src/modules/outbox/outbox.types.js';
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

  it("gives the planner back what the write path recorded of an event, exactly, with the dossier's code", async function () {
    this.timeout(60_000);
    const instant = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const contextArb = fc.record({
      name: storable,
      phone: fc.option(fc.oneof(storable, fc.constantFrom('0912 345 678', '+84 912 345 678')), { nil: undefined }),
      notify: fc.option(fc.subarray(['sms', 'email', 'zalo'] as const), { nil: undefined }),
      reason: storable,
      items: fc.array(storable, { maxLength: 3 }),
      at: instant,
      paused: fc.option(instant, { nil: null }),
    });
    const settings: PlanSettings = {
      publicBaseUrl: 'https://dvc.example.vn',
      timeZone: 'Asia/Ho_Chi_Minh',
      enabled: new Set(['sms', 'portal']),
      sms: { unicode: false, maxLength: 160 },
      zaloTemplates: {},
      portalSourceId: 'motcua',
      defaultConsent: ['sms'],
    };
    await fc.assert(
      fc.asyncProperty(contextArb, async (c) => {
        seq++;
        const applicant = {
          name: c.name,
          ...(c.phone === undefined ? {} : { phone: c.phone }),
          ...(c.notify ? { notify: c.notify } : {}),
        };
        const event = {
          seq,
          type: 'request-supplement',
          at: c.at,
          fromStatus: 'processing',
          toStatus: 'supplementing',
          data: { reason: c.reason, items: c.items, handledBy: c.name },
        };
        const row = {
          id: dossierId,
          code: `pending:${dossierId}`,
          status: 'supplementing',
          channel: 'online',
          procedureId: dossierId,
          agencyId: dossierId,
          receivingAgencyId: dossierId,
          applicant: { ...applicant, idNumber: '033090001234', address: c.reason },
          receivedAt: c.at,
          dueAt: c.at,
          promisedAt: null,
          finishedAt: null,
          returnedAt: null,
          withdrawnAt: null,
          pausedSince: c.paused,
          outcome: null,
          supplementCount: 1,
        };
        const context = contextOf(event, row, settings)!;
        // Told by SMS only with consent and a number; the portal hears of the status change either way.
        const sms =
          (c.notify ?? ['sms']).includes('sms') && c.phone !== undefined && normalisePhone(c.phone) !== undefined;
        assert.deepEqual(context.channels, sms ? ['sms', 'portal'] : ['portal']);
        // Of the applicant and the event's data, only what a notice uses, and only for a notice.
        const told = sms ? { name: c.name, ...(c.phone === undefined ? {} : { phone: c.phone }) } : null;
        assert.deepEqual(context.dossier.applicant, told);
        assert.deepEqual(context.event.data, sms ? { reason: c.reason, items: c.items } : {});
        await db.execute(eventInsert(dossierId, seq, context, new Date()));
        const taken = await db.transaction(async (tx) => {
          const all = await takeEvents(tx, 1000, new Date());
          const mine = all.filter((r) => r.dossierId === dossierId && r.eventSeq === seq);
          await deleteEvents(
            tx,
            mine.map((r) => r.id),
          );
          return mine;
        });
        assert.equal(taken.length, 1);
        assert.deepEqual(taken[0]!.context, context);
        assert.equal(taken[0]!.code, code);
        const read = {
          dossierId,
          code,
          procedure: { code: 'p', name: 'P' },
          agency: { name: 'A', electronicId: 'a' },
          receivingAgency: { name: 'R', electronicId: 'r' },
        };
        const back = fromContext(taken[0]!.context, read);
        assert.deepEqual(back.event, { ...event, data: context.event.data });
        const { procedureId: _p, agencyId: _a, receivingAgencyId: _r, ...kept } = row;
        const { dossierId: _d, ...names } = read;
        assert.deepEqual(back.dossier, { ...kept, ...names, code, applicant: told ?? { name: '' } });
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
