import { strict as assert } from 'node:assert';
import request from 'supertest';
import { ROLES } from '../../src/modules/auth/roles.js';
import { makeApp } from '../support/app.js';
import { bearer, createAgency, createUser } from '../support/factories.js';

const { app } = makeApp();

/** Every staff endpoint declared through the Api, read back from the OpenAPI document. */
async function staffEndpoints(): Promise<Array<{ method: string; path: string; roles: string[] }>> {
  const doc = (await request(app).get('/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op['x-roles'])
      .map(([method, op]) => ({ method, path, roles: op['x-roles']! })),
  );
}

describe('access: roles per route', () => {
  it('answers 403 to every role reaching a route it may not use, before looking at the input', async () => {
    const endpoints = await staffEndpoints();
    assert.ok(endpoints.length >= 10, 'the staff endpoints are listed');
    let checked = 0;
    for (const role of ROLES) {
      const user = await createUser({ roles: [role] });
      for (const e of endpoints.filter((x) => !x.roles.includes(role))) {
        const path = e.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await request(app)[e.method as 'get'](path).set(bearer(user)).send({});
        assert.equal(res.status, 403, `${role} ${e.method.toUpperCase()} ${e.path}`);
        assert.equal(res.body.code, 'FORBIDDEN');
        checked++;
      }
    }
    assert.ok(checked > 10);
  });

  it('answers 401 to every staff route without a token', async () => {
    for (const e of await staffEndpoints()) {
      const path = e.path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await request(app)[e.method as 'get'](path).send({});
      assert.equal(res.status, 401, `${e.method.toUpperCase()} ${e.path}`);
    }
  });
});

describe('access: agency scoping', () => {
  it('a receptionist of agency A reading a user of agency B gets 404; of A gets 200', async () => {
    const receptionist = await createUser({ roles: ['receptionist'] });
    const colleague = await createUser({ roles: ['officer'], agencyId: receptionist.agencyId });
    const stranger = await createUser({ roles: ['officer'] });
    const res = await request(app).get(`/api/v1/users/${stranger.id}`).set(bearer(receptionist)).expect(404);
    assert.equal(res.body.code, 'USER_NOT_FOUND');
    await request(app).get(`/api/v1/users/${colleague.id}`).set(bearer(receptionist)).expect(200);
  });

  it('a supervisor sees users of its subtree, not of a sibling tree', async () => {
    const province = await createAgency({ level: 'province' });
    const commune = await createAgency({ level: 'commune', parentId: province.id });
    const other = await createAgency({ level: 'province' });
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: province.id });
    const inside = await createUser({ roles: ['officer'], agencyId: commune.id });
    const outside = await createUser({ roles: ['officer'], agencyId: other.id });
    await request(app).get(`/api/v1/users/${inside.id}`).set(bearer(supervisor)).expect(200);
    await request(app).get(`/api/v1/users/${outside.id}`).set(bearer(supervisor)).expect(404);
    const list = await request(app).get('/api/v1/users').query({ limit: 200 }).set(bearer(supervisor)).expect(200);
    const agencyIds = new Set(list.body.items.map((u: { agencyId: string }) => u.agencyId));
    assert.deepEqual([...agencyIds].sort(), [province.id, commune.id].sort());
  });

  it('a user list of an officer holds only its own agency', async () => {
    const officer = await createUser({ roles: ['officer'] });
    await createUser({ roles: ['leader'], agencyId: officer.agencyId });
    await createUser({ roles: ['leader'] });
    const list = await request(app).get('/api/v1/users').set(bearer(officer)).expect(200);
    assert.equal(list.body.items.length, 2);
    assert.ok(list.body.items.every((u: { agencyId: string }) => u.agencyId === officer.agencyId));
  });
});
