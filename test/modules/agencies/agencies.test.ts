import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { agencies } from '../../../src/db/schema/index.js';
import { makeApp } from '../../support/app.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser, uniqueElectronicId } from '../../support/factories.js';

const { app } = makeApp();

describe('agencies', () => {
  it('an admin creates an agency under a parent; it is stored with its first version', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const parent = await createAgency({ level: 'province' });
    const electronicId = uniqueElectronicId();
    const res = await request(app)
      .post('/api/v1/agencies')
      .set(bearer(admin))
      .send({ name: 'Sở Tư pháp', electronicId, level: 'department', parentId: parent.id, activeFrom: '2025-07-01' })
      .expect(201);
    assert.equal(res.body.electronicId, electronicId);
    assert.equal(res.body.parentId, parent.id);
    const [stored] = await testDatabase().db.select().from(agencies).where(eq(agencies.id, res.body.id));
    assert.equal(stored!.name, 'Sở Tư pháp');
    const history = await request(app).get(`/api/v1/agencies/${res.body.id}/history`).set(bearer(admin)).expect(200);
    assert.deepEqual(
      history.body.versions.map((v: { validFrom: string; validTo: string | null }) => [v.validFrom, v.validTo]),
      [['2025-07-01', null]],
    );
  });

  it('refuses a malformed or taken electronic ID, an unknown parent and a bad level', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const taken = await createAgency();
    const post = (body: object) =>
      request(app)
        .post('/api/v1/agencies')
        .set(bearer(admin))
        .send({ name: 'UBND xã Thử', level: 'commune', electronicId: uniqueElectronicId(), ...body });
    for (const bad of ['H40', '000.00.21', '000.00.21.h40', '0000.00.21.H40']) {
      assert.equal((await post({ electronicId: bad }).expect(400)).body.code, 'VALIDATION_FAILED', bad);
    }
    assert.equal((await post({ electronicId: taken.electronicId }).expect(409)).body.code, 'ELECTRONIC_ID_TAKEN');
    assert.equal(
      (await post({ parentId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.code,
      'PARENT_AGENCY_NOT_FOUND',
    );
    assert.equal((await post({ level: 'district' }).expect(400)).body.code, 'VALIDATION_FAILED');
  });

  it('re-parenting keeps the earlier version with its dates (the 2025 merger)', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const oldProvince = await createAgency({ level: 'province', activeFrom: '2020-01-01' });
    const newProvince = await createAgency({ level: 'province', activeFrom: '2020-01-01' });
    const dept = await createAgency({ parentId: oldProvince.id, activeFrom: '2020-01-01' });
    const res = await request(app)
      .patch(`/api/v1/agencies/${dept.id}`)
      .set(bearer(admin))
      .send({ parentId: newProvince.id, name: 'Sở Nông nghiệp và Môi trường', effectiveFrom: '2025-07-01' })
      .expect(200);
    assert.equal(res.body.parentId, newProvince.id);
    const { versions } = (await request(app).get(`/api/v1/agencies/${dept.id}/history`).set(bearer(admin)).expect(200))
      .body;
    assert.equal(versions.length, 2);
    assert.deepEqual(
      [versions[0].parentId, versions[0].validFrom, versions[0].validTo],
      [oldProvince.id, '2020-01-01', '2025-07-01'],
    );
    assert.deepEqual(
      [versions[1].parentId, versions[1].name, versions[1].validTo],
      [newProvince.id, 'Sở Nông nghiệp và Môi trường', null],
    );
  });

  it('deactivation is dated and kept in the history; a date before the current version is refused', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const commune = await createAgency({ level: 'commune', activeFrom: '2020-01-01' });
    const early = await request(app)
      .patch(`/api/v1/agencies/${commune.id}`)
      .set(bearer(admin))
      .send({ active: false, effectiveFrom: '2019-12-31' })
      .expect(400);
    assert.equal(early.body.code, 'EFFECTIVE_DATE_INVALID');
    const res = await request(app)
      .patch(`/api/v1/agencies/${commune.id}`)
      .set(bearer(admin))
      .send({ active: false, effectiveFrom: '2025-07-01' })
      .expect(200);
    assert.equal(res.body.active, false);
    assert.equal(res.body.activeTo, '2025-07-01');
    const { versions } = (
      await request(app).get(`/api/v1/agencies/${commune.id}/history`).set(bearer(admin)).expect(200)
    ).body;
    assert.deepEqual(
      versions.map((v: { active: boolean }) => v.active),
      [true, false],
    );
  });

  it('refuses to put an agency under itself or its own descendant', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const top = await createAgency({ level: 'province' });
    const child = await createAgency({ parentId: top.id });
    const grandchild = await createAgency({ parentId: child.id });
    for (const parentId of [top.id, grandchild.id]) {
      const res = await request(app)
        .patch(`/api/v1/agencies/${top.id}`)
        .set(bearer(admin))
        .send({ parentId })
        .expect(409);
      assert.equal(res.body.code, 'AGENCY_CYCLE');
    }
    const [stored] = await testDatabase().db.select().from(agencies).where(eq(agencies.id, top.id));
    assert.equal(stored!.parentId, null);
  });

  it('lists children of a parent and returns the tree below a root to any staff member', async () => {
    const officer = await createUser({ roles: ['officer'] });
    const top = await createAgency({ level: 'province' });
    const a = await createAgency({ parentId: top.id, name: 'A cơ quan' });
    await createAgency({ parentId: a.id, level: 'commune' });
    await createAgency({ parentId: top.id, name: 'B cơ quan' });
    const children = await request(app)
      .get('/api/v1/agencies')
      .query({ parentId: top.id })
      .set(bearer(officer))
      .expect(200);
    assert.deepEqual(
      children.body.items.map((x: { name: string }) => x.name),
      ['A cơ quan', 'B cơ quan'],
    );
    const tree = await request(app)
      .get('/api/v1/agencies/tree')
      .query({ rootId: top.id })
      .set(bearer(officer))
      .expect(200);
    assert.equal(tree.body.roots.length, 1);
    assert.equal(tree.body.roots[0].children.length, 2);
    assert.equal(tree.body.roots[0].children.find((c: { id: string }) => c.id === a.id).children.length, 1);
    await request(app).get('/api/v1/agencies/00000000-0000-4000-8000-000000000000').set(bearer(officer)).expect(404);
  });
});
