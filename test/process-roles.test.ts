import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { outbox, outboxEvents } from '../src/db/schema/index.js';
import type { EventContext } from '../src/modules/outbox/outbox.types.js';
import type { RunningProcess } from '../src/process.js';
import { makeProcess, testConfig } from './support/app.js';
import { rolePlan } from '../src/process.js';
import { testDatabase } from './support/db.js';
import { bearer, createAgency, createProcedure, createUser, type UserRow } from './support/factories.js';
import { CONSENTING_APPLICANT, channelEnv, startHttpReceiver, type HttpReceiver } from './modules/outbox/fakes.js';

const { db } = testDatabase();
const messagesOf = (dossierId: string) => db.select().from(outbox).where(eq(outbox.dossierId, dossierId));
const allSent = (rows: Array<{ status: string }>) => rows.length === 3 && rows.every((m) => m.status === 'sent');
const JOBS = ['stats-snapshots', 'deadline-sweep', 'token-cleanup', 'files-sweep', 'outbox-retention'];
// Schedules that do not fire while a test runs (29 February 03:00): only what is started is checked.
const QUIET_CRONS = Object.fromEntries(
  ['STATS_CRON', 'SWEEP_CRON', 'TOKEN_CLEANUP_CRON', 'OUTBOX_RETENTION_CRON'].map((k) => [k, '0 3 29 2 *']),
);

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('process roles: PROCESS_ROLE=all | api | worker', () => {
  let http: HttpReceiver;
  let receptionist: UserRow;
  let procedureCode: string;
  const running: RunningProcess[] = [];
  before(async () => {
    http = await startHttpReceiver();
    const province = await createAgency({ level: 'province' });
    const center = await createAgency({ level: 'center', parentId: province.id });
    const department = await createAgency({ level: 'department', parentId: province.id });
    procedureCode = (await createProcedure({ agencyId: department.id })).code;
    receptionist = await createUser({ roles: ['receptionist'], agencyId: center.id });
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
  });
  after(async () => {
    await http.close();
  });

  const env = (extra: Record<string, string>) =>
    channelEnv(http, undefined, { OUTBOX_POLL_MS: '20', ...QUIET_CRONS, ...extra });
  async function start(extra: Record<string, string>) {
    const { motcua } = makeProcess({ env: env(extra) });
    const r = await motcua.start({ catchUp: false });
    running.push(r);
    return { motcua, url: `http://127.0.0.1:${r.port}`, running: r };
  }
  /** An intake over the process's real HTTP listener. */
  async function intake(url: string): Promise<Response> {
    return fetch(`${url}/api/v1/dossiers`, {
      method: 'POST',
      headers: { ...bearer(receptionist), 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode, channel: 'direct', applicant: CONSENTING_APPLICANT }),
    });
  }
  const keysReceived = (dossierId: string) =>
    http.received
      .map((r) => String(r.headers['idempotency-key'] ?? r.json.requestId ?? r.json.tracking_id))
      .filter((k) => k.startsWith(dossierId))
      .sort();

  it('all (the default): serves the API, schedules the jobs and delivers in the same process', async () => {
    assert.equal(testConfig().processRole, 'all');
    const { motcua, url } = await start({});
    assert.deepEqual(motcua.plan, { api: true, jobs: true, dispatcher: true });
    assert.deepEqual(motcua.services.scheduler.scheduled(), JOBS);
    assert.equal(motcua.services.outboxDispatcher.status().running, true);
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
    const res = await intake(url);
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    await until('delivery', async () => (allSent(await messagesOf(id)) ? true : undefined));
    assert.deepEqual(keysReceived(id), [`${id}:1:portal`, `${id}:1:sms`, `${id}:1:zalo`]);
  });

  it('api: serves the API only — what the intake owes stays recorded, unplanned — until a worker plans and delivers it', async () => {
    const api = await start({ PROCESS_ROLE: 'api' });
    assert.deepEqual(api.motcua.plan, { api: true, jobs: false, dispatcher: false });
    assert.deepEqual(api.motcua.services.scheduler.scheduled(), [], 'no scheduled jobs');
    assert.equal(api.motcua.services.outboxDispatcher.status().running, false);
    assert.equal((await fetch(`${api.url}/openapi.json`)).status, 200);
    const res = await intake(api.url);
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    await new Promise((r) => setTimeout(r, 400)); // 20 poll intervals of a dispatcher, had there been one
    assert.deepEqual(await messagesOf(id), [], 'no dispatcher: nothing planned');
    const recorded = await db.select().from(outboxEvents).where(eq(outboxEvents.dossierId, id));
    assert.deepEqual(
      recorded.map((r) => [r.eventSeq, (r.context as EventContext).channels]),
      [[1, ['sms', 'zalo', 'portal']]],
    );
    assert.deepEqual(keysReceived(id), [], 'nothing was sent');

    const worker = await start({ PROCESS_ROLE: 'worker' });
    assert.deepEqual(worker.motcua.plan, { api: false, jobs: true, dispatcher: true });
    assert.deepEqual(worker.motcua.services.scheduler.scheduled(), JOBS);
    await until('delivery by the worker', async () => (allSent(await messagesOf(id)) ? true : undefined));
    assert.deepEqual(keysReceived(id), [`${id}:1:portal`, `${id}:1:sms`, `${id}:1:zalo`]);
    assert.equal(
      (await messagesOf(id)).every((m) => m.attempts === 1 && m.sentAt),
      true,
      'each delivered once, by the worker',
    );
    assert.deepEqual(await db.select().from(outboxEvents).where(eq(outboxEvents.dossierId, id)), [], 'planned');
  });

  it('worker: answers /healthz (with the dispatcher state) and /readyz over HTTP, and nothing else', async () => {
    const worker = await start({ PROCESS_ROLE: 'worker' });
    await until('a dispatch round', async () =>
      worker.motcua.services.outboxDispatcher.status().lastRoundAt ? true : undefined,
    );
    const health = await fetch(`${worker.url}/healthz`);
    assert.equal(health.status, 200);
    const body = (await health.json()) as { dispatcher: { lastRoundAt: string; lastActivityAt: string } };
    assert.match(body.dispatcher.lastRoundAt, /\+07:00$/);
    assert.match(body.dispatcher.lastActivityAt, /\+07:00$/);
    assert.deepEqual(
      { ...body, dispatcher: { ...body.dispatcher, lastRoundAt: 'x', lastActivityAt: 'x' } },
      {
        status: 'ok',
        role: 'worker',
        dispatcher: { running: true, lastRoundAt: 'x', lastActivityAt: 'x', stalled: false },
        jobs: JOBS,
      },
    );
    assert.deepEqual(await (await fetch(`${worker.url}/readyz`)).json(), {
      status: 'ready',
      database: testDatabase().kind,
    });
    for (const path of ['/api/v1/dossiers', '/openapi.json', '/docs/', '/tra-cuu']) {
      const res = await fetch(`${worker.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as { code: string }).code, 'NOT_FOUND');
    }
    assert.equal((await intake(worker.url)).status, 404, 'no intake through a worker');

    running.splice(running.indexOf(worker.running), 1);
    await worker.running.stop();
    assert.equal(worker.motcua.services.outboxDispatcher.status().running, false);
    assert.deepEqual(worker.motcua.services.scheduler.scheduled(), []);
    await assert.rejects(fetch(`${worker.url}/healthz`), 'the listener is closed');
  });

  it('JOBS_ENABLED and OUTBOX_DISPATCHER_ENABLED still turn a part off; a role never turns one on', () => {
    const plan = (e: Record<string, string>) => rolePlan(testConfig(e));
    assert.deepEqual(plan({ PROCESS_ROLE: 'worker', OUTBOX_DISPATCHER_ENABLED: 'false' }), {
      api: false,
      jobs: true,
      dispatcher: false,
    });
    assert.deepEqual(plan({ PROCESS_ROLE: 'all', JOBS_ENABLED: 'false' }), {
      api: true,
      jobs: false,
      dispatcher: true,
    });
    assert.deepEqual(plan({ PROCESS_ROLE: 'api', JOBS_ENABLED: 'true', OUTBOX_DISPATCHER_ENABLED: 'true' }), {
      api: true,
      jobs: false,
      dispatcher: false,
    });
    assert.throws(() => testConfig({ PROCESS_ROLE: 'dispatcher' }), /PROCESS_ROLE/);
  });

  it('main.ts takes --role from the command line and refuses api or worker on the embedded database', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role=worker'], {
      env: { PATH: process.env.PATH, PGLITE_DIR: 'memory://', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /PROCESS_ROLE=worker needs DATABASE_URL/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--role', 'dispatcher'], {
      env: { PATH: process.env.PATH, PGLITE_DIR: 'memory://', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /PROCESS_ROLE: "PROCESS_ROLE" must be one of \[all, api, worker\]/);
  });
});
