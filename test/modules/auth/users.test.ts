import { strict as assert } from 'node:assert';
import bcrypt from 'bcrypt';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { refreshTokens, users } from '../../../src/db/schema/index.js';
import { makeApp } from '../../support/app.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';

const { app } = makeApp();
const storedUser = async (id: string) => (await testDatabase().db.select().from(users).where(eq(users.id, id)))[0];

describe('users', () => {
  it('an admin creates a user: 201 without the hash, stored with a bcrypt hash', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const agency = await createAgency();
    const body = {
      username: `hoa.nt${Date.now()}`,
      password: 'Mat-khau-manh-2026',
      fullName: 'Nguyễn Thị Hoa',
      roles: ['receptionist'],
      agencyId: agency.id,
    };
    const res = await request(app).post('/api/v1/users').set(bearer(admin)).send(body).expect(201);
    assert.equal(res.body.username, body.username);
    assert.deepEqual(res.body.roles, ['receptionist']);
    assert.equal(res.body.passwordHash, undefined);
    assert.ok(!JSON.stringify(res.body).includes(body.password));
    const stored = await storedUser(res.body.id);
    assert.ok(await bcrypt.compare(body.password, stored!.passwordHash));
    await request(app)
      .post('/api/v1/auth/login')
      .send({ username: body.username, password: body.password })
      .expect(200);
  });

  it('refuses a duplicate username, a weak password, a missing or unknown agency, and unknown keys', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const existing = await createUser();
    const base = {
      username: `user-new-${Date.now()}`,
      password: 'Mat-khau-manh-2026',
      fullName: 'Lê Văn Nam',
      roles: ['officer'],
      agencyId: existing.agencyId,
    };
    const post = (body: object) => request(app).post('/api/v1/users').set(bearer(admin)).send(body);
    assert.equal((await post({ ...base, username: existing.username }).expect(409)).body.code, 'USERNAME_TAKEN');
    assert.equal((await post({ ...base, password: 'abcdefghijk' }).expect(400)).body.code, 'WEAK_PASSWORD');
    assert.equal((await post({ ...base, agencyId: null }).expect(400)).body.code, 'AGENCY_REQUIRED');
    assert.equal(
      (await post({ ...base, agencyId: '00000000-0000-4000-8000-000000000000' }).expect(404)).body.code,
      'AGENCY_NOT_FOUND',
    );
    const unknownKey = await post({ ...base, passwordHash: 'x' }).expect(400);
    assert.equal(unknownKey.body.code, 'VALIDATION_FAILED');
    assert.equal(unknownKey.body.errors[0].path, 'body.passwordHash');
    assert.equal((await post({ ...base, roles: ['root'] }).expect(400)).body.code, 'VALIDATION_FAILED');
    const none = await testDatabase().db.select().from(users).where(eq(users.username, base.username));
    assert.equal(none.length, 0, 'nothing half-written');
  });

  it('an admin cannot change their own roles or disable themselves', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const roles = await request(app)
      .patch(`/api/v1/users/${admin.id}`)
      .set(bearer(admin))
      .send({ roles: ['admin', 'supervisor'] })
      .expect(403);
    assert.equal(roles.body.code, 'CANNOT_CHANGE_OWN_ROLES');
    assert.equal(
      (await request(app).post(`/api/v1/users/${admin.id}/disable`).set(bearer(admin)).expect(403)).body.code,
      'CANNOT_DISABLE_SELF',
    );
    assert.deepEqual((await storedUser(admin.id))!.roles, ['admin']);
  });

  it('updates another user and ends their logins when roles change', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const user = await createUser({ roles: ['officer'] });
    const pair = (
      await request(app)
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: user.password })
        .expect(200)
    ).body;
    const res = await request(app)
      .patch(`/api/v1/users/${user.id}`)
      .set(bearer(admin))
      .send({ roles: ['officer', 'leader'], fullName: 'Phạm Văn Đức' })
      .expect(200);
    assert.deepEqual(res.body.roles, ['officer', 'leader']);
    assert.equal(res.body.fullName, 'Phạm Văn Đức');
    assert.deepEqual((await storedUser(user.id))!.roles, ['officer', 'leader']);
    await request(app).post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
  });

  it('disabling a user refuses their login and revokes their refresh tokens; enabling restores login', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const user = await createUser();
    await request(app)
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const res = await request(app).post(`/api/v1/users/${user.id}/disable`).set(bearer(admin)).expect(200);
    assert.equal(res.body.disabled, true);
    const tokens = await testDatabase().db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    assert.ok(tokens.length > 0 && tokens.every((t) => t.revokedAt !== null));
    await request(app)
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(401);
    await request(app).post(`/api/v1/users/${user.id}/enable`).set(bearer(admin)).expect(200);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
  });

  it('lists with filters and keyset pagination, each user once', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const agency = await createAgency();
    for (let i = 0; i < 5; i++) await createUser({ roles: ['officer'], agencyId: agency.id });
    await createUser({ roles: ['leader'], agencyId: agency.id });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(app)
        .get('/api/v1/users')
        .query({ agencyId: agency.id, role: 'officer', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(admin))
        .expect(200);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
    await request(app).get('/api/v1/users').query({ cursor: 'garbage' }).set(bearer(admin)).expect(400);
  });

  it('a disabled account is cut off on every route at once, even with an unexpired access token', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const user = await createUser({ roles: ['officer'] });
    await request(app).get('/api/v1/users').set(bearer(user)).expect(200);
    await request(app).post(`/api/v1/users/${user.id}/disable`).set(bearer(admin)).expect(200);
    assert.equal((await request(app).get('/api/v1/users').set(bearer(user)).expect(401)).body.code, 'UNAUTHENTICATED');
  });

  it('new roles apply to the next request, whatever the token says', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const user = await createUser({ roles: ['officer'] });
    const token = bearer(user);
    await request(app).get('/api/v1/agencies/tree').set(token).expect(200);
    await request(app)
      .patch(`/api/v1/users/${user.id}`)
      .set(bearer(admin))
      .send({ roles: ['supervisor'] })
      .expect(200);
    const me = await request(app).get('/api/v1/auth/me').set(token).expect(200);
    assert.deepEqual(me.body.roles, ['supervisor']);
    await request(app).post(`/api/v1/users/${user.id}/disable`).set(token).expect(403);
  });

  it('another instance sees a change made elsewhere within USER_CACHE_TTL_SECONDS', async () => {
    let now = Date.now();
    const other = makeApp({ clock: { now: () => new Date(now) }, env: { USER_CACHE_TTL_SECONDS: '5' } }).app;
    const user = await createUser({ roles: ['officer'] });
    await request(other).get('/api/v1/auth/me').set(bearer(user)).expect(200);
    await testDatabase().db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
    await request(other).get('/api/v1/auth/me').set(bearer(user)).expect(200);
    now += 5_001;
    await request(other).get('/api/v1/auth/me').set(bearer(user)).expect(401);
  });
});
