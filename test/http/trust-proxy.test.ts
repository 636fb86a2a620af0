import { strict as assert } from 'node:assert';
import type { Express } from 'express';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { makeApp } from '../support/app.js';

let n = 0;
/** A public lookup of a code that does not exist: a 404 that counts against the per-IP limit. */
function lookup(app: Express, forwardedFor: string) {
  n++;
  return request(app)
    .get(`/api/v1/public/dossiers/000.00.00.H00-261123-${String(n).padStart(4, '0')}`)
    .query({ pin: '123456' })
    .set('X-Forwarded-For', forwardedFor);
}

describe('TRUST_PROXY: the per-IP limits cannot be escaped with X-Forwarded-For (issue 9 item 3b)', () => {
  it('by default ignores X-Forwarded-For: a spoofed address gets no fresh budget', async () => {
    const { app } = makeApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
    for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) assert.equal((await lookup(app, ip)).status, 404);
    const res = await lookup(app, '4.4.4.4');
    assert.equal(res.status, 429);
    assert.equal(res.body.code, 'RATE_LIMITED');
  });

  it('with one trusted hop uses the address the proxy saw, not what the client wrote before it', async () => {
    const { app } = makeApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' } });
    for (const spoof of ['1.1.1.1', '2.2.2.2', '3.3.3.3'])
      assert.equal((await lookup(app, `${spoof}, 10.0.0.1`)).status, 404);
    assert.equal(
      (await lookup(app, '4.4.4.4, 10.0.0.1')).status,
      429,
      'a new spoofed first entry gives no fresh budget',
    );
    assert.equal(
      (await lookup(app, '1.1.1.1, 10.0.0.2')).status,
      404,
      'another client behind the proxy has its own budget',
    );
  });

  it('with a list of proxy addresses, trusts only those hops', async () => {
    const { app } = makeApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' } });
    // The test client connects over loopback: the entry it forwarded for is the client.
    assert.equal((await lookup(app, '10.0.0.5')).status, 404);
    assert.equal((await lookup(app, '10.0.0.5')).status, 404);
    assert.equal((await lookup(app, '10.0.0.5')).status, 429);
    assert.equal((await lookup(app, '10.0.0.6')).status, 404);
    // An untrusted hop in the chain stops the walk: the spoofed leftmost entry is never used.
    assert.equal((await lookup(app, '7.7.7.7, 10.0.0.5')).status, 429);
  });

  it('refuses TRUST_PROXY=true and malformed lists, saying why', () => {
    for (const bad of ['true', 'yes', '10.0.0.0/33', '1.2.3', 'loopback,evil']) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: bad }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, /TRUST_PROXY: .*number of trusted proxy hops.*"true" is not accepted/);
          return true;
        },
        bad,
      );
    }
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,loopback,::1' }).trustProxy, [
      '10.0.0.0/8',
      '192.168.1.7',
      'loopback',
      '::1',
    ]);
  });
});
