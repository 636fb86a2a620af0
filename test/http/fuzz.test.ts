import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import request from 'supertest';
import { ROLES } from '../../src/modules/auth/roles.js';
import { bearer, createUser } from '../support/factories.js';
import { buildWorld } from '../modules/dossiers/world.js';

/**
 * Random and malformed bodies, params and headers to every write route, as a user holding every
 * role: whatever a client sends, the answer is never a 5xx.
 */
describe('fuzz: no input causes a 5xx', () => {
  it('every write route survives random input', async function () {
    this.timeout(180_000);
    const w = await buildWorld();
    const dossier = await w.intake();
    const everyone = await createUser({ roles: [...ROLES], agencyId: w.department.id });
    const doc = (await request(w.app).get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((method) => ({ method, path })));
    assert.ok(routes.length >= 25, `${routes.length} write routes`);

    const param = fc.oneof(fc.constant(dossier.id), fc.constant(dossier.code), fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('2027'), fc.integer().map(String));
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom('version', 'reason', 'items', 'again', 'outcome', 'method', 'assigneeId', 'toAgencyId', 'promisedAt', 'note',
        'procedureCode', 'channel', 'applicant', 'components', 'agencyId', 'name', 'electronicId', 'level', 'parentId', 'calendar', 'budget', 'steps',
        'daysOff', 'workingDays', 'username', 'password', 'roles', 'pin', 'level', 'events'), fc.jsonValue({ maxDepth: 2 })),
    );
    const header = fc.option(fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), { nil: undefined });

    for (const route of routes) {
      await fc.assert(fc.asyncProperty(param, body, header, header, async (p, b, ifMatch, key) => {
        const path = route.path.replace(/\{\w+\}/g, encodeURIComponent(p));
        let req = request(w.app)[route.method as 'post'](path).set(bearer(everyone));
        if (ifMatch !== undefined) req = req.set('If-Match', ifMatch);
        if (key !== undefined) req = req.set('Idempotency-Key', key);
        const res = await req.set('Content-Type', 'application/json').send(JSON.stringify(b));
        assert.ok(res.status < 500, `${route.method.toUpperCase()} ${path} ${JSON.stringify(b)} → ${res.status} ${JSON.stringify(res.body)}`);
      }), { numRuns: 40 });
    }
  });
});
