import { strict as assert } from 'node:assert';
import { and, eq } from 'drizzle-orm';
import type { Express } from 'express';
import request from 'supertest';
import { loginFailures, users } from '../../../src/db/schema/index.js';
import { makeApp } from '../../support/app.js';
import { testDatabase } from '../../support/db.js';
import { createUser } from '../../support/factories.js';

/** A login from a client address (one trusted proxy hop puts it in X-Forwarded-For). */
const loginFrom = (app: Express, ip: string, username: string, password: string) =>
  request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });

describe('auth: login lockout per client, with an account-wide ceiling (issue 9 item 3d)', () => {
  const { app } = makeApp({ env: { TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '5', LOGIN_ACCOUNT_MAX_FAILURES: '12' } });

  it("a stranger's wrong passwords lock the stranger out, not the account holder", async () => {
    const user = await createUser({ username: `sotp.officer.${Date.now()}` });
    const wrong = [];
    for (let i = 0; i < 6; i++)
      wrong.push(await loginFrom(app, '203.0.113.9', user.username, `doan-mo-${i}-sai`).expect(401));
    // Still locked for the stranger, even with the right password; the same 401 as any failure.
    const strangerRight = await loginFrom(app, '203.0.113.9', user.username, user.password).expect(401);
    assert.equal(strangerRight.body.code, 'INVALID_CREDENTIALS');
    assert.equal(strangerRight.body.detail, wrong[0]!.body.detail);
    const unknown = await loginFrom(app, '203.0.113.9', `khong-co-${user.username}`, 'x').expect(401);
    assert.equal(unknown.body.detail, strangerRight.body.detail, 'locked, wrong and unknown answer alike');

    // The holder at the office signs in.
    await loginFrom(app, '10.1.2.3', user.username, user.password).expect(200);
    const rows = await testDatabase().db.select().from(loginFailures).where(eq(loginFailures.userId, user.id));
    assert.deepEqual(
      rows.map((r) => r.client),
      ['203.0.113.9'],
      'the lock is kept per (account, client)',
    );
    assert.ok(rows[0]!.lockedUntil! > new Date());
    const [stored] = await testDatabase().db.select().from(users).where(eq(users.id, user.id));
    assert.equal(stored!.lockedUntil, null, 'the account itself is not locked');
  });

  it('locks the account for everyone once many clients together pass the account-wide ceiling', async () => {
    const user = await createUser();
    // 3 clients × 4 wrong passwords = 12, each under the per-client limit of 5.
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      for (let i = 0; i < 4; i++) await loginFrom(app, ip, user.username, `doan-mo-${i}-sai`).expect(401);
    }
    await loginFrom(app, '10.1.2.3', user.username, user.password).expect(401);
    const [stored] = await testDatabase().db.select().from(users).where(eq(users.id, user.id));
    assert.ok(stored!.lockedUntil && stored!.lockedUntil > new Date(), 'locked account-wide');
  });

  it("a right password clears that client's count only", async () => {
    const user = await createUser();
    for (let i = 0; i < 4; i++) await loginFrom(app, '192.0.2.7', user.username, `doan-mo-${i}-sai`).expect(401);
    for (let i = 0; i < 2; i++) await loginFrom(app, '192.0.2.8', user.username, `doan-mo-${i}-sai`).expect(401);
    await loginFrom(app, '192.0.2.7', user.username, user.password).expect(200);
    const db = testDatabase().db;
    assert.equal(
      (
        await db
          .select()
          .from(loginFailures)
          .where(and(eq(loginFailures.userId, user.id), eq(loginFailures.client, '192.0.2.7')))
      ).length,
      0,
    );
    const [other] = await db
      .select()
      .from(loginFailures)
      .where(and(eq(loginFailures.userId, user.id), eq(loginFailures.client, '192.0.2.8')));
    assert.equal(other!.failures, 2);
  });
});
