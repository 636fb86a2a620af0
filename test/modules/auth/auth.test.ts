import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import jwt from 'jsonwebtoken';
import type { Express } from 'express';
import request from 'supertest';
import { loginFailures, refreshTokens, users } from '../../../src/db/schema/index.js';
import { makeApp, TEST_SECRET } from '../../support/app.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createUser } from '../../support/factories.js';

const login = (app: Express, username: string, password: string) =>
  request(app).post('/api/v1/auth/login').send({ username, password });

describe('auth: login', () => {
  const { app } = makeApp();

  it('signs in with the right password and answers the token pair and the user', async () => {
    const user = await createUser({ roles: ['receptionist'], fullName: 'Trần Thị Lan' });
    const res = await login(app, user.username, user.password).expect(200);
    assert.equal(typeof res.body.accessToken, 'string');
    assert.equal(typeof res.body.refreshToken, 'string');
    assert.equal(res.body.expiresIn, 900);
    assert.deepEqual(res.body.user, {
      id: user.id,
      username: user.username,
      fullName: 'Trần Thị Lan',
      roles: ['receptionist'],
      agencyId: user.agencyId,
    });
    assert.ok(!JSON.stringify(res.body).includes('$2b$'), 'no password hash in the response');
    const stored = await testDatabase().db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.tokenHash, res.body.refreshToken, 'only a hash of the refresh token is stored');
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const user = await createUser();
    const wrong = await login(app, user.username, 'not-the-password-1').expect(401);
    const unknown = await login(app, `nobody-${user.username}`, 'not-the-password-1').expect(401);
    assert.equal(wrong.body.code, 'INVALID_CREDENTIALS');
    assert.equal(unknown.body.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.body.detail, unknown.body.detail);
    assert.match(wrong.headers['content-type']!, /application\/problem\+json/);
  });

  it('locks an account for the client after 5 wrong passwords, refusing even the right one, until an admin unlocks it', async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) await login(app, user.username, `wrong-password-${i}`).expect(401);
    const [locked] = await testDatabase().db.select().from(loginFailures).where(eq(loginFailures.userId, user.id));
    assert.ok(
      locked!.lockedUntil && locked!.lockedUntil.getTime() > Date.now() + 14 * 60_000,
      'locked for about 15 minutes',
    );
    const refused = await login(app, user.username, user.password).expect(401);
    assert.equal(refused.body.code, 'INVALID_CREDENTIALS');

    const admin = await createUser({ roles: ['admin'] });
    const unlocked = await request(app).post(`/api/v1/users/${user.id}/unlock`).set(bearer(admin)).expect(200);
    assert.equal(unlocked.body.locked, false);
    await login(app, user.username, user.password).expect(200);
    assert.equal(
      (await testDatabase().db.select().from(loginFailures).where(eq(loginFailures.userId, user.id))).length,
      0,
    );
  });

  it('resets the failure count after a successful login', async () => {
    const user = await createUser();
    for (let i = 0; i < 4; i++) await login(app, user.username, `wrong-password-${i}`).expect(401);
    await login(app, user.username, user.password).expect(200);
    await login(app, user.username, 'wrong-password-x').expect(401);
    await login(app, user.username, user.password).expect(200);
    const [stored] = await testDatabase().db.select().from(users).where(eq(users.id, user.id));
    assert.equal(stored!.failedLogins, 0);
    assert.equal(stored!.lockedUntil, null);
  });

  it('refuses a disabled account', async () => {
    const user = await createUser({ disabled: true });
    const res = await login(app, user.username, user.password).expect(401);
    assert.equal(res.body.code, 'INVALID_CREDENTIALS');
  });

  it('rate-limits login attempts per client address', async () => {
    const limited = makeApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } }).app;
    const user = await createUser();
    for (let i = 0; i < 3; i++) await login(limited, user.username, 'wrong-password-1').expect(401);
    const res = await login(limited, user.username, user.password).expect(429);
    assert.equal(res.body.code, 'RATE_LIMITED');
  });
});

describe('auth: refresh tokens', () => {
  const { app } = makeApp();
  const refresh = (token: string) => request(app).post('/api/v1/auth/refresh').send({ refreshToken: token });

  it('rotates the pair: the new tokens work and the old refresh token is marked replaced', async () => {
    const user = await createUser();
    const first = (await login(app, user.username, user.password).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    assert.notEqual(second.refreshToken, first.refreshToken);
    await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);
    const rows = await testDatabase().db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    assert.equal(rows.length, 2);
    const old = rows.find((r) => r.replacedBy !== null)!;
    assert.ok(old.revokedAt);
    assert.equal(rows.find((r) => r.id === old.replacedBy)!.revokedAt, null);
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const user = await createUser();
    const first = (await login(app, user.username, user.password).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    const reuse = await refresh(first.refreshToken).expect(401);
    assert.equal(reuse.body.code, 'REFRESH_TOKEN_REUSED');
    const afterTheft = await refresh(second.refreshToken).expect(401);
    assert.equal(afterTheft.body.code, 'REFRESH_TOKEN_REUSED');
    const rows = await testDatabase().db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    assert.ok(rows.every((r) => r.revokedAt !== null));
  });

  it('keeps other logins of the same user alive when one family is revoked', async () => {
    const user = await createUser();
    const laptop = (await login(app, user.username, user.password).expect(200)).body;
    const phone = (await login(app, user.username, user.password).expect(200)).body;
    await refresh(laptop.refreshToken).expect(200);
    await refresh(laptop.refreshToken).expect(401);
    await refresh(phone.refreshToken).expect(200);
  });

  it('refuses an unknown token and a token of a disabled user', async () => {
    assert.equal((await refresh('no-such-token').expect(401)).body.code, 'INVALID_REFRESH_TOKEN');
    const user = await createUser();
    const pair = (await login(app, user.username, user.password).expect(200)).body;
    await testDatabase().db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    assert.equal((await refresh(pair.refreshToken).expect(401)).body.code, 'INVALID_REFRESH_TOKEN');
  });

  it('logout revokes the login', async () => {
    const user = await createUser();
    const pair = (await login(app, user.username, user.password).expect(200)).body;
    await request(app).post('/api/v1/auth/logout').send({ refreshToken: pair.refreshToken }).expect(204);
    await refresh(pair.refreshToken).expect(401);
    const rows = await testDatabase().db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    assert.ok(rows.every((r) => r.revokedAt !== null));
  });

  it('only one of two concurrent refreshes of the same token succeeds', async () => {
    const user = await createUser();
    const pair = (await login(app, user.username, user.password).expect(200)).body;
    const results = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken)]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 401]);
  });
});

describe('auth: access tokens', () => {
  const { app } = makeApp();
  const me = (token: string) => request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const claimsOf = (user: { id: string; username: string; roles: string[]; agencyId: string | null }) => ({
    sub: user.id,
    username: user.username,
    roles: user.roles,
    agencyId: user.agencyId,
  });

  it('answers /auth/me for a valid token', async () => {
    const user = await createUser({ roles: ['leader'] });
    const res = await request(app).get('/api/v1/auth/me').set(bearer(user)).expect(200);
    assert.equal(res.body.id, user.id);
    assert.deepEqual(res.body.roles, ['leader']);
  });

  it('refuses a missing, malformed or tampered token', async () => {
    await request(app).get('/api/v1/auth/me').expect(401);
    await me('not-a-jwt').expect(401);
    const user = await createUser({ roles: ['officer'] });
    const [header, , signature] = bearer(user).Authorization.slice(7).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claimsOf(user), roles: ['admin'], iss: 'motcua' })).toString(
      'base64url',
    );
    const res = await me(`${header}.${forged}.${signature}`).expect(401);
    assert.equal(res.body.code, 'UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const user = await createUser();
    const token = jwt.sign({ ...claimsOf(user), exp: Math.floor(Date.now() / 1000) - 10 }, TEST_SECRET, {
      algorithm: 'HS256',
      issuer: 'motcua',
    });
    assert.equal((await me(token).expect(401)).body.code, 'TOKEN_EXPIRED');
  });

  it('refuses an alg:none token', async () => {
    const user = await createUser({ roles: ['admin'] });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claimsOf(user), iss: 'motcua', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    assert.equal((await me(token).expect(401)).body.code, 'UNAUTHENTICATED');
  });

  it('refuses a token signed with another secret or another algorithm', async () => {
    const user = await createUser();
    const otherSecret = jwt.sign(claimsOf(user), 'another-secret-that-is-long-enough-0123456789', {
      algorithm: 'HS256',
      issuer: 'motcua',
      expiresIn: 600,
    });
    await me(otherSecret).expect(401);
    const otherAlgorithm = jwt.sign(claimsOf(user), TEST_SECRET, {
      algorithm: 'HS512',
      issuer: 'motcua',
      expiresIn: 600,
    });
    await me(otherAlgorithm).expect(401);
  });

  it('answers 401 for a valid token of a user who has since been disabled', async () => {
    const user = await createUser({ disabled: true });
    await request(app).get('/api/v1/auth/me').set(bearer(user)).expect(401);
  });
});

describe('auth: change password', () => {
  const { app } = makeApp();
  const change = (user: Parameters<typeof bearer>[0], body: object) =>
    request(app).post('/api/v1/auth/password').set(bearer(user)).send(body);

  it('changes the password, ends the other logins, and the new password signs in', async () => {
    const user = await createUser();
    const pair = (await login(app, user.username, user.password).expect(200)).body;
    await change(user, { currentPassword: user.password, newPassword: 'Mot-mat-khau-moi-42' }).expect(204);
    await login(app, user.username, user.password).expect(401);
    await login(app, user.username, 'Mot-mat-khau-moi-42').expect(200);
    await request(app).post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
  });

  it('refuses a wrong current password and a weak new one', async () => {
    const user = await createUser();
    assert.equal(
      (await change(user, { currentPassword: 'wrong-one-123', newPassword: 'Mot-mat-khau-moi-42' }).expect(400)).body
        .code,
      'WRONG_PASSWORD',
    );
    for (const weak of ['short1', 'onlyletterslong', '1234567890123', `${user.username}-2026x`, user.password]) {
      const res = await change(user, { currentPassword: user.password, newPassword: weak }).expect(400);
      assert.equal(res.body.code, 'WEAK_PASSWORD', weak);
    }
    await login(app, user.username, user.password).expect(200);
  });
});
