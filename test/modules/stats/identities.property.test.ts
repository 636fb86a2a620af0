import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import request from 'supertest';
import { bearer } from '../../support/factories.js';
import { buildWorld } from '../dossiers/world.js';

const HOUR = 3_600_000;
const base = Date.parse('2026-09-01T08:00:00+07:00');
const iso = (t: number) => new Date(t).toISOString();

/** A random but valid history: receipt, maybe a pause or supplement, maybe a decision or withdrawal. */
const historyArb = fc.record({
  receivedAfterHours: fc.integer({ min: 0, max: 75 * 24 }),
  channel: fc.constantFrom('direct', 'online', 'postal'),
  pause: fc.option(
    fc.record({
      kind: fc.constantFrom('supplement', 'financial_obligation'),
      after: fc.integer({ min: 1, max: 200 }),
      length: fc.integer({ min: 1, max: 300 }),
      closes: fc.boolean(),
    }),
    { nil: undefined },
  ),
  end: fc.option(
    fc.record({ kind: fc.constantFrom('decided', 'withdrawn'), after: fc.integer({ min: 1, max: 400 }) }),
    { nil: undefined },
  ),
});

describe('stats: the identities of B4 hold for random histories (property)', () => {
  it('received = online + direct + carried over = resolved + withdrawn + in progress, for every period and window', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fc.array(historyArb, { minLength: 1, maxLength: 15 }), async (histories) => {
        const w = await buildWorld({ start: '2026-11-20T15:00' });
        const now = w.clock.t;
        const items = histories
          .map((h, i) => {
            let t = base + h.receivedAfterHours * HOUR;
            const events: object[] = [];
            if (h.pause && t + h.pause.after * HOUR < now) {
              t += h.pause.after * HOUR;
              events.push(
                h.pause.kind === 'supplement'
                  ? { type: 'supplement_requested', at: iso(t) }
                  : { type: 'paused', at: iso(t), reason: 'financial_obligation' },
              );
              if (h.pause.closes && t + h.pause.length * HOUR < now) {
                t += h.pause.length * HOUR;
                events.push({ type: h.pause.kind === 'supplement' ? 'supplement_received' : 'resumed', at: iso(t) });
              }
            }
            if (h.end && t + h.end.after * HOUR < now) {
              t += h.end.after * HOUR;
              events.push(
                h.end.kind === 'decided'
                  ? { type: 'decided', at: iso(t), outcome: 'approved' }
                  : { type: 'withdrawn', at: iso(t) },
              );
            }
            return {
              externalId: `p${i}-${w.department.id}`,
              procedureCode: w.procedure.code,
              agencyId: w.department.id,
              channel: h.channel,
              receivedAt: iso(base + h.receivedAfterHours * HOUR),
              applicant: { name: 'Công dân' },
              events,
            };
          })
          .filter((item) => Date.parse(item.receivedAt) < now);
        if (items.length === 0) return;
        const imported = await request(w.app)
          .post('/api/v1/dossiers/import')
          .set(bearer(w.admin))
          .send({ items })
          .expect(200);
        assert.ok(
          imported.body.results.every((r: { status: string }) => r.status === 'created'),
          JSON.stringify(imported.body.results),
        );
        for (const period of ['2026-09', '2026-10', '2026-11', '2026-Q3', '2026-Q4']) {
          for (const window of ['calendar', 'report']) {
            const res = await request(w.app)
              .get('/api/v1/stats/agencies')
              .query({ period, window, agencyId: w.department.id, rollup: false })
              .set(bearer(w.admin))
              .expect(200);
            const r = res.body.rows[0];
            const received = r.receivedOnline + r.receivedDirect + r.carriedOver;
            assert.equal(
              received,
              r.resolvedEarly +
                r.resolvedOnTime +
                r.resolvedLate +
                r.withdrawn +
                r.inProgressWithin +
                r.inProgressOverdue,
              `${period} ${window}`,
            );
          }
        }
        // Every dossier received before the end of Q4-to-date is somewhere in that period's figures.
        const q = (
          await request(w.app)
            .get('/api/v1/stats/agencies')
            .query({ from: '2026-09-01', to: '2026-11-20', agencyId: w.department.id, rollup: false })
            .set(bearer(w.admin))
            .expect(200)
        ).body.rows[0];
        assert.equal(q.receivedOnline + q.receivedDirect + q.carriedOver, items.length);
      }),
      { numRuns: 8 },
    );
  });
});
