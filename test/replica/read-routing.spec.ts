import assert from 'node:assert/strict';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { testConfig } from '../support/app.js';
import { testDatabase } from '../support/db.js';
import { bearer, createAgency, createProcedure, createUser } from '../support/factories.js';
import { closeTestReplica, onStandby, testReplica, waitForReplay } from '../support/replica.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The current month in Vietnam, the period the fresh intakes fall in. */
const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

/** A province with its centre and a department, a receptionist, a supervisor, and an app reading from the standby. */
async function world(env: Record<string, string>, replica = testReplica()) {
  const config = testConfig({
    DATABASE_URL: process.env.TEST_DATABASE_URL!,
    READ_DATABASE_URL: process.env.TEST_REPLICA_URL!,
    ...env,
  });
  const { app } = createApp({ config, database: testDatabase(), replica, logger: pino({ level: 'silent' }) });
  const province = await createAgency({ level: 'province' });
  const center = await createAgency({ level: 'center', parentId: province.id });
  const department = await createAgency({ level: 'department', parentId: province.id });
  const procedure = await createProcedure({ agencyId: department.id });
  // One token per caller, reused like a client does: read-your-writes follows the caller's credentials.
  const receptionist = bearer(await createUser({ roles: ['receptionist'], agencyId: center.id }));
  const supervisor = bearer(await createUser({ roles: ['supervisor'], agencyId: province.id }));
  const intake = async () =>
    (
      await request(app)
        .post('/api/v1/dossiers')
        .set(receptionist)
        .send({
          procedureCode: procedure.code,
          channel: 'direct',
          applicant: { name: 'Nguyễn Thị Mai Anh', idNumber: '001190012345', phone: '0912 345 678' },
        })
        .expect(201)
    ).body as { id: string; code: string; lookupPin: string };
  const listIds = async (auth: { Authorization: string }) =>
    (
      (await request(app).get('/api/v1/dossiers').query({ limit: 100 }).set(auth).expect(200)).body.items as Array<{
        id: string;
      }>
    ).map((d) => d.id);
  const received = async () => {
    const res = await request(app)
      .get('/api/v1/stats/agencies')
      .query({ period: thisMonth(), agencyId: department.id })
      .set(supervisor)
      .expect(200);
    assert.equal(res.body.source, 'live');
    return res.body.rows[0].receivedDirect as number;
  };
  return { app, department, receptionist, supervisor, intake, listIds, received };
}

const onReplica = async (id: string) =>
  (await onStandby<{ n: number }>(`select count(*)::int as n from dossiers where id = '${id}'`))[0]!.n;

describe('read replica (a real pg_basebackup -R standby)', () => {
  afterEach(async () => {
    await onStandby('select pg_wal_replay_resume()');
    await waitForReplay();
  });
  after(() => closeTestReplica());

  it('serves lists, statistics and public lookups from the replica; own writes and single views from the primary', async () => {
    const w = await world({ READ_REPLICA_MAX_LAG_SECONDS: '3600' });
    const old = await w.intake();
    await waitForReplay();
    await onStandby('select pg_wal_replay_pause()');
    const fresh = await w.intake();
    assert.equal(await onReplica(fresh.id), 0, 'the paused standby does not have the new dossier');

    const ready = await request(w.app).get('/readyz').expect(200);
    assert.equal(ready.body.replica.serving, 'replica');
    assert.equal(ready.body.replica.maxLagSeconds, 3600);
    assert.match(ready.body.replica.checkedAt, /\+07:00$/);

    // Someone who did not write reads the replica: the old dossier, not the new one.
    const seen = await w.listIds(w.supervisor);
    assert.ok(seen.includes(old.id));
    assert.ok(!seen.includes(fresh.id));
    assert.equal(await w.received(), 1);
    await request(w.app).get(`/api/v1/public/dossiers/${old.code}`).query({ pin: old.lookupPin }).expect(200);
    await request(w.app).get(`/api/v1/public/dossiers/${fresh.code}`).query({ pin: fresh.lookupPin }).expect(404);

    // The receptionist who just received it reads the primary, and so does everyone's single-dossier view.
    assert.ok((await w.listIds(w.receptionist)).includes(fresh.id));
    assert.equal(
      (await request(w.app).get(`/api/v1/dossiers/${fresh.id}`).set(w.supervisor).expect(200)).body.id,
      fresh.id,
    );

    await onStandby('select pg_wal_replay_resume()');
    await waitForReplay();
    assert.equal(await onReplica(fresh.id), 1);
    assert.ok((await w.listIds(w.supervisor)).includes(fresh.id));
    assert.equal(await w.received(), 2);
    await request(w.app).get(`/api/v1/public/dossiers/${fresh.code}`).query({ pin: fresh.lookupPin }).expect(200);
  });

  it('sends reads back to the primary while the lag is above the setting, and returns when it catches up', async () => {
    const w = await world({ READ_REPLICA_MAX_LAG_SECONDS: '0.5', READ_REPLICA_CHECK_SECONDS: '0.1' });
    await waitForReplay();
    await onStandby('select pg_wal_replay_pause()');
    const fresh = await w.intake();
    await sleep(800);

    const lagging = (await request(w.app).get('/readyz').expect(200)).body.replica;
    assert.equal(lagging.serving, 'primary');
    assert.equal(lagging.reason, 'lagging');
    assert.ok(lagging.lagSeconds > 0.5, `lag ${lagging.lagSeconds}`);
    assert.equal(await onReplica(fresh.id), 0);
    assert.ok((await w.listIds(w.supervisor)).includes(fresh.id), 'the list came from the primary');
    assert.equal(await w.received(), 1);
    await request(w.app).get(`/api/v1/public/dossiers/${fresh.code}`).query({ pin: fresh.lookupPin }).expect(200);

    await onStandby('select pg_wal_replay_resume()');
    await waitForReplay();
    const back = (await request(w.app).get('/readyz').expect(200)).body.replica;
    assert.equal(back.serving, 'replica');
    assert.equal(back.lagSeconds, 0);
    assert.equal(back.reason, undefined);
  });

  it('stays ready on the primary when the replica cannot be reached', async () => {
    const unreachable = openDatabase({ url: 'postgres://motcua@127.0.0.1:1/motcua_test', pgliteDir: '', poolMax: 1 });
    try {
      const w = await world({}, unreachable);
      const fresh = await w.intake();
      const ready = (await request(w.app).get('/readyz').expect(200)).body;
      assert.equal(ready.status, 'ready');
      assert.deepEqual(
        { serving: ready.replica.serving, reason: ready.replica.reason, lag: ready.replica.lagSeconds },
        { serving: 'primary', reason: 'unreachable', lag: null },
      );
      assert.ok((await w.listIds(w.supervisor)).includes(fresh.id));
    } finally {
      await unreachable.close();
    }
  });
});
