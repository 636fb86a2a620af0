import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { ROLES } from '../../src/modules/auth/roles.js';
import { encodeCursor } from '../../src/http/pagination.js';
import { bearer, createUser } from '../support/factories.js';
import { buildWorld, type World } from '../modules/dossiers/world.js';

/** The inputs of issue 9 item 4 that answered 500: each must now answer a 4xx problem. */
describe('edge: hostile input answers a 4xx problem, never a 5xx (issue 9 item 4)', () => {
  let w: World;
  let everyone: Awaited<ReturnType<typeof createUser>>;
  before(async () => {
    w = await buildWorld();
    everyone = await createUser({ roles: [...ROLES], agencyId: w.department.id });
  });

  function assertProblem(res: request.Response, what: string, status = 400): void {
    assert.equal(res.status, status, `${what} → ${res.status} ${JSON.stringify(res.body)}`);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, what);
  }

  const NUL = 'a\u0000b';
  const SURROGATE = 'a\ud800b';

  it('refuses a NUL byte or a lone surrogate in any string of query, body and params', async () => {
    const dossier = await w.intake();
    for (const bad of [NUL, SURROGATE]) {
      const cases: Array<[string, () => request.Test]> = [
        // A lone surrogate cannot be percent-encoded (UTF-8 has no such byte sequence): queries carry NUL only.
        [
          'query q',
          () =>
            request(w.app)
              .get(`/api/v1/dossiers?q=${bad === NUL ? 'a%00b' : 'a%00'}`)
              .set(bearer(everyone)),
        ],
        ['query procedureCode', () => request(w.app).get('/api/v1/dossiers?procedureCode=%00').set(bearer(everyone))],
        [
          'applicant.name',
          () =>
            request(w.app)
              .post('/api/v1/dossiers')
              .set(bearer(w.receptionist))
              .send({
                procedureCode: w.procedure.code,
                channel: 'direct',
                applicant: { name: bad, idNumber: '001190012345', phone: '0912345678', address: 'x' },
              }),
        ],
        [
          'supplement items',
          () => w.act(dossier.id, 'request-supplement', everyone, { items: [bad], reason: 'thiếu' }),
        ],
        [
          'refusal reasons',
          () =>
            request(w.app)
              .post('/api/v1/refusals')
              .set(bearer(w.receptionist))
              .send({ procedureCode: w.procedure.code, applicant: { name: 'A' }, reasons: [bad] }),
        ],
        [
          'agency name',
          () =>
            request(w.app)
              .post('/api/v1/agencies')
              .set(bearer(w.admin))
              .send({ name: bad, electronicId: '000.00.00.H99', level: 'department' }),
        ],
        [
          'override reason',
          () =>
            request(w.app)
              .put('/api/v1/calendar/overrides/2027')
              .set(bearer(w.admin))
              .send({ daysOff: [{ date: '2027-01-04', reason: bad }], workingDays: [] }),
        ],
        ['login username', () => request(w.app).post('/api/v1/auth/login').send({ username: bad, password: 'x' })],
        [
          'object key',
          () =>
            request(w.app)
              .post('/api/v1/auth/login')
              .set('Content-Type', 'application/json')
              .send(`{"username":"a","password":"b","${bad === NUL ? '\\u0000' : '\\ud800'}":1}`),
        ],
        [
          'path param',
          () => request(w.app).get(`/api/v1/public/dossiers/${encodeURIComponent('A\u0000B')}?pin=123456`),
        ],
      ];
      for (const [what, send] of cases) {
        const res = await send();
        assertProblem(res, `${what} ${JSON.stringify(bad)}`);
        assert.equal(res.body.code, 'VALIDATION_FAILED', what);
      }
    }
    const stored = await w
      .act(dossier.id, 'assign', everyone, {})
      .then(() => request(w.app).get(`/api/v1/dossiers/${dossier.id}`).set(bearer(everyone)));
    assert.equal(stored.status, 200, 'the dossier is unharmed');
  });

  it('refuses cursors of the wrong types or impossible values on every paginated list', async () => {
    const uuid = '9b2f7a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
    const anyList: unknown[] = [
      ['x', 'y'],
      ['2026', 'x'],
      ['2026-11-23T03:00:00.000Z', 'not-a-uuid'],
      [1, 2],
      [null],
      ['a\u0000', uuid],
      ['a\ud800', uuid],
      [],
      ['x', uuid, 'z'],
      { a: 1 },
      'x',
      7,
    ];
    const byInstant = [
      ...anyList,
      ['2025-02-30T00:00:00.000Z', uuid],
      ['2025-02-30', uuid],
      ['2026', uuid],
      ['+275760-09-13T00:00:00.000Z', uuid],
    ];
    const lists: Array<[string, unknown[]]> = [
      ['/api/v1/dossiers', byInstant],
      ['/api/v1/notifications', byInstant],
      ['/api/v1/users', anyList],
      ['/api/v1/agencies', anyList],
      ['/api/v1/procedures', [...anyList, [1], ['a\u0000'], ['x', 'y']]],
    ];
    for (const [list, cursors] of lists) {
      for (const values of cursors) {
        const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
        const res = await request(w.app).get(list).query({ cursor }).set(bearer(everyone));
        assertProblem(res, `${list} cursor ${JSON.stringify(values)}`);
      }
      for (const raw of ['%%%', '!!', 'e30']) {
        assertProblem(
          await request(w.app).get(`${list}?cursor=${raw}`).set(bearer(everyone)),
          `${list} raw cursor ${raw}`,
        );
      }
    }
    // A well-formed cursor still pages.
    const ok = await request(w.app)
      .get('/api/v1/dossiers')
      .query({ cursor: encodeCursor(['2026-11-23T03:00:00.000Z', uuid]) })
      .set(bearer(everyone));
    assert.equal(ok.status, 200);
  });

  it('answers 400 to broken percent-encoding in a path, signed in or not', async () => {
    for (const path of ['/api/v1/dossiers/%', '/api/v1/dossiers/%E0%A4%A', '/api/v1/dossiers/%ED%A0%80']) {
      const res = await request(w.app).get(path).set(bearer(everyone));
      assertProblem(res, path);
    }
    assertProblem(await request(w.app).get('/api/v1/public/dossiers/%ED%A0%80?pin=123456'), 'public lookup');
    assertProblem(
      await request(w.app).post('/api/v1/public/dossiers/%E0%A4%A/rating').send({ pin: '123456', score: 5 }),
      'public rating',
    );
  });

  it('answers 4xx to a body whose Content-Encoding is gzip or br but is not', async () => {
    // Raw bytes over a real socket: supertest would serialise a Buffer as JSON.
    const server = w.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const post = (encoding: string, body: Buffer | string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body,
      });
    try {
      const plain = '{"username":"a","password":"b"}';
      const truncated = gzipSync(Buffer.from(plain)).subarray(0, 12);
      for (const [encoding, body] of [
        ['gzip', plain],
        ['br', plain],
        ['deflate', plain],
        ['gzip', truncated],
      ] as const) {
        const res = await post(encoding, body);
        assert.ok(res.status >= 400 && res.status < 500, `${encoding} → ${res.status}`);
        assert.match(String(res.headers.get('content-type')), /application\/problem\+json/);
        assert.equal(((await res.json()) as { code: string }).code, 'CONTENT_ENCODING_INVALID');
      }
      // A valid gzip body still signs in.
      const good = await post(
        'gzip',
        gzipSync(Buffer.from(JSON.stringify({ username: w.officer.username, password: w.officer.password }))),
      );
      assert.equal(good.status, 200);
    } finally {
      server.close();
    }
  });
});
