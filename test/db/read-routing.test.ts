import assert from 'node:assert/strict';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { makeApp } from '../support/app.js';

// The routing itself is tested against a real standby in test/replica (npm run test:replica).
describe('read replica settings', () => {
  it('refuses READ_DATABASE_URL without the primary it replicates, and takes the lag settings', () => {
    assert.throws(
      () => loadConfig({ READ_DATABASE_URL: 'postgres://r@127.0.0.1:5433/db' }),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('READ_DATABASE_URL')),
    );
    const config = loadConfig({
      DATABASE_URL: 'postgres://p@127.0.0.1:5432/db',
      READ_DATABASE_URL: 'postgres://r@127.0.0.1:5433/db',
      READ_REPLICA_MAX_LAG_SECONDS: '2.5',
      READ_REPLICA_CHECK_SECONDS: '0.2',
    });
    assert.deepEqual(
      [config.readDatabaseUrl, config.readReplicaMaxLagSeconds, config.readReplicaCheckSeconds],
      ['postgres://r@127.0.0.1:5433/db', 2.5, 0.2],
    );
    assert.throws(() => loadConfig({ READ_REPLICA_MAX_LAG_SECONDS: '-1' }), ConfigError);
  });

  it('reports no replica in /readyz when none is configured', async () => {
    const { app } = makeApp();
    const body = (await request(app).get('/readyz').expect(200)).body;
    assert.equal(body.status, 'ready');
    assert.equal('replica' in body, false);
  });
});
