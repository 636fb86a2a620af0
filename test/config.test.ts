import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ConfigError, describeConfigKeys, loadConfig } from '../src/config.js';

describe('config', () => {
  it('has working defaults for a newcomer: embedded database, demo data, port 3000', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.seedDemo, true);
    assert.equal(config.bcryptCost, 12);
    assert.equal(config.accessTokenTtlSeconds, 900);
    assert.equal(config.jwtSecretGenerated, true);
    assert.ok(Object.isFrozen(config));
  });

  it('turns demo data off by default on a PostgreSQL server', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/motcua' }).seedDemo, false);
    assert.equal(
      loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/motcua', SEED_DEMO: 'true' }).seedDemo,
      true,
    );
  });

  it('names every bad key in one error', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'abc',
          JWT_SECRET: 'short',
          BCRYPT_COST: '99',
          DATABASE_URL: 'mysql://x',
          LOG_LEVEL: 'loud',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        for (const key of ['PORT', 'JWT_SECRET', 'BCRYPT_COST', 'DATABASE_URL', 'LOG_LEVEL']) {
          assert.ok(
            error.problems.some((p) => p.startsWith(`${key}:`)),
            key,
          );
        }
        return true;
      },
    );
  });

  it('requires JWT_SECRET in production', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /JWT_SECRET/);
    assert.doesNotThrow(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }));
  });

  it('documents every key in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    for (const { key, description } of describeConfigKeys()) {
      assert.match(example, new RegExp(`^#?\\s*${key}=`, 'm'), `${key} is in .env.example`);
      assert.ok(description.length > 0, `${key} has a description`);
    }
  });

  it('stops the process with a clear message on a bad setting', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: 'not-a-port', PGLITE_DIR: 'memory://' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Invalid configuration/);
    assert.match(run.stderr, /PORT: "PORT" must be a number/);
  });
});
