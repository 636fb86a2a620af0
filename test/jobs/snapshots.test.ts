import { strict as assert } from 'node:assert';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import request from 'supertest';
import { jobRuns, statsSnapshots } from '../../src/db/schema/index.js';
import { createScheduler, type JobDefinition } from '../../src/jobs/scheduler.js';
import { snapshotLabels } from '../../src/modules/stats/stats.snapshots.js';
import { testDatabase } from '../support/db.js';
import { bearer, createUser, TestClock } from '../support/factories.js';
import { buildWorld } from '../modules/dossiers/world.js';

const at = (local: string) => `${local}:00+07:00`;

describe('jobs: statistics snapshots', () => {
  it('recompute stores snapshots; a finished period is then served from them with the same figures', async () => {
    const w = await buildWorld({ start: '2026-11-20T15:00' });
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: w.department.parentId });
    const item = (id: string, received: string, events: object[]) => ({
      externalId: `${id}-${w.department.id}`,
      procedureCode: w.procedure.code,
      agencyId: w.department.id,
      receivingAgencyId: w.center.id,
      channel: 'online',
      receivedAt: at(received),
      applicant: { name: 'Công dân' },
      events,
    });
    await request(w.app)
      .post('/api/v1/dossiers/import')
      .set(bearer(w.admin))
      .send({
        items: [
          item('s1', '2026-10-05T09:00', [{ type: 'decided', at: at('2026-10-06T10:00'), outcome: 'approved' }]),
          item('s2', '2026-10-05T09:00', [{ type: 'decided', at: at('2026-10-20T10:00'), outcome: 'approved' }]),
          item('s3', '2026-10-28T09:00', []),
        ],
      })
      .expect(200);
    const query = { period: '2026-10', agencyId: w.department.id, rollup: false };
    const live = await request(w.app).get('/api/v1/stats/agencies').query(query).set(bearer(supervisor)).expect(200);
    assert.equal(live.body.source, 'live');

    const run = await request(w.app).post('/api/v1/stats/recompute').set(bearer(w.admin)).expect(200);
    assert.equal(run.body.status, 'succeeded');
    assert.equal(run.body.scheduledFor, '2026-11-20T15:00:00+07:00', 'the run is as of the clock');
    const stored = await testDatabase()
      .db.select()
      .from(statsSnapshots)
      .where(
        and(
          eq(statsSnapshots.agencyId, w.department.id),
          eq(statsSnapshots.periodLabel, '2026-10'),
          eq(statsSnapshots.window, 'calendar'),
        ),
      );
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.complete, true);

    const served = await request(w.app).get('/api/v1/stats/agencies').query(query).set(bearer(supervisor)).expect(200);
    assert.equal(served.body.source, 'snapshot');
    assert.deepEqual(served.body.rows, live.body.rows);
    const r = served.body.rows[0];
    assert.deepEqual([r.receivedOnline, r.resolvedEarly, r.resolvedLate, r.inProgressWithin], [3, 1, 1, 1]);

    // Idempotent: a second run replaces the same rows with the same figures.
    await request(w.app).post('/api/v1/stats/recompute').set(bearer(w.admin)).expect(200);
    const again = await testDatabase()
      .db.select()
      .from(statsSnapshots)
      .where(
        and(
          eq(statsSnapshots.agencyId, w.department.id),
          eq(statsSnapshots.periodLabel, '2026-10'),
          eq(statsSnapshots.window, 'calendar'),
        ),
      );
    assert.equal(again.length, 1);
    assert.deepEqual(again[0]!.counts, stored[0]!.counts);

    // Importing more history into October makes the stored figures stale: they are dropped.
    await request(w.app)
      .post('/api/v1/dossiers/import')
      .set(bearer(w.admin))
      .send({ items: [item('s4', '2026-10-07T09:00', [])] })
      .expect(200);
    const afterImport = await request(w.app)
      .get('/api/v1/stats/agencies')
      .query(query)
      .set(bearer(supervisor))
      .expect(200);
    assert.equal(afterImport.body.source, 'live');
    assert.equal(afterImport.body.rows[0].receivedOnline, 4);

    const runs = await request(w.app).get('/api/v1/jobs/runs').set(bearer(w.admin)).expect(200);
    assert.ok(runs.body.items.some((r: { id: string }) => r.id === run.body.id));
    await request(w.app).post('/api/v1/stats/recompute').set(bearer(supervisor)).expect(403);
  });

  it('refreshes the previous, current and next month, quarter and year', () => {
    assert.deepEqual(snapshotLabels(new Date(at('2026-01-10T10:00')), 'Asia/Ho_Chi_Minh'), [
      '2025-12',
      '2026-01',
      '2026-02',
      '2025-Q4',
      '2026-Q1',
      '2025',
      '2026',
    ]);
  });
});

describe('jobs: the scheduler', () => {
  const db = () => testDatabase().db;
  const counting = (name: string, cron = '30 0 * * *') => {
    const calls: Date[] = [];
    const job: JobDefinition = {
      name,
      cron,
      async run(_tx, asOf) {
        calls.push(asOf);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { ok: true };
      },
    };
    return { job, calls };
  };

  it('two concurrent runs of one job: one computes, the other is recorded as skipped', async () => {
    const { job, calls } = counting(`concurrent-${Date.now()}`);
    const scheduler = createScheduler(db(), new TestClock(Date.now()), pino({ level: 'silent' }), 'Asia/Ho_Chi_Minh', [
      job,
    ]);
    const runs = await Promise.all([scheduler.runNow(job, new Date()), scheduler.runNow(job, new Date())]);
    assert.deepEqual(runs.map((r) => r.status).sort(), ['skipped', 'succeeded']);
    assert.equal(calls.length, 1);
  });

  it('two instances (two schedulers) never run one job at once; on PostgreSQL the advisory lock skips the second', async () => {
    const name = `instances-${Date.now()}`;
    const spans: Array<[number, number]> = [];
    const job: JobDefinition = {
      name,
      cron: '30 0 * * *',
      async run() {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 200));
        spans.push([start, performance.now()]);
        return { ok: true };
      },
    };
    const one = createScheduler(db(), new TestClock(Date.now()), pino({ level: 'silent' }), 'Asia/Ho_Chi_Minh', [job]);
    const two = createScheduler(db(), new TestClock(Date.now()), pino({ level: 'silent' }), 'Asia/Ho_Chi_Minh', [job]);
    const runs = await Promise.all([one.runNow(job, new Date()), two.runNow(job, new Date())]);
    if (testDatabase().kind === 'postgres') {
      // Two connections: the second instance finds the lock held and records why it did nothing.
      assert.deepEqual(runs.map((r) => r.status).sort(), ['skipped', 'succeeded']);
      assert.equal(runs.find((r) => r.status === 'skipped')!.error, 'another instance holds the lock');
      assert.equal(spans.length, 1);
    } else {
      // PGlite has one connection: the second transaction waits for the first, so the runs follow each other.
      assert.deepEqual(
        runs.map((r) => r.status),
        ['succeeded', 'succeeded'],
      );
      assert.equal(spans.length, 2);
      const [a, b] = spans.sort((x, y) => x[0] - y[0]);
      assert.ok(b![0] >= a![1], 'never at the same time');
    }
    const rows = await db().select().from(jobRuns).where(eq(jobRuns.job, name));
    assert.equal(rows.length, 2, 'both attempts are on record');
  });

  it('catches up a run missed while down, once, with its scheduled time as asOf', async () => {
    const { job, calls } = counting(`catch-up-${Date.now()}`);
    const clock = new TestClock(Date.parse(at('2026-11-20T15:00')));
    const scheduler = createScheduler(db(), clock, pino({ level: 'silent' }), 'Asia/Ho_Chi_Minh', [job]);
    const first = await scheduler.catchUp();
    assert.deepEqual(
      first.map((r) => r.status),
      ['succeeded'],
    );
    assert.equal(calls[0]!.toISOString(), new Date(at('2026-11-20T00:30')).toISOString());
    assert.deepEqual(await scheduler.catchUp(), [], 'nothing more to catch up');
    clock.set('2026-11-22T09:00');
    await scheduler.catchUp();
    assert.equal(
      calls.at(-1)!.toISOString(),
      new Date(at('2026-11-22T00:30')).toISOString(),
      'only the latest missed run',
    );
    const rows = await db().select().from(jobRuns).where(eq(jobRuns.job, job.name));
    assert.equal(rows.filter((r) => r.status === 'succeeded').length, 2);
  });

  it('records a failing run with its error and keeps going', async () => {
    const job: JobDefinition = {
      name: `failing-${Date.now()}`,
      cron: '0 * * * *',
      run: async () => {
        throw new Error('boom');
      },
    };
    const scheduler = createScheduler(db(), new TestClock(Date.now()), pino({ level: 'silent' }), 'Asia/Ho_Chi_Minh', [
      job,
    ]);
    const run = await scheduler.runNow(job, new Date());
    assert.deepEqual([run.status, run.error], ['failed', 'boom']);
  });
});
