import { strict as assert } from 'node:assert';
import request from 'supertest';
import { makeApp, capturingLogger } from '../support/app.js';
import { bearer, createUser } from '../support/factories.js';

const { app } = makeApp({ env: { BODY_LIMIT: '2kb' } });

describe('platform: errors as problem+json', () => {
  it('answers an unknown route with a 404 problem in Vietnamese by default', async () => {
    const res = await request(app).get('/api/v1/no-such-thing').expect(404);
    assert.match(res.headers['content-type']!, /^application\/problem\+json/);
    assert.equal(res.body.code, 'NOT_FOUND');
    assert.equal(res.body.status, 404);
    assert.equal(res.body.detail, 'Không tìm thấy đường dẫn yêu cầu.');
    assert.equal(res.body.title, 'Không tìm thấy đường dẫn yêu cầu.', 'the title is Vietnamese by default');
    assert.equal(res.body.requestId, res.headers['x-request-id']);
  });

  it('answers in English with Accept-Language: en, field messages included', async () => {
    const res = await request(app)
      .post('/api/v1/auth/login')
      .set('Accept-Language', 'en-US,en;q=0.9')
      .send({ username: 'a' })
      .expect(400);
    assert.equal(res.body.detail, 'The request is not valid.');
    assert.equal(res.body.title, 'The request is not valid.');
    assert.deepEqual(res.body.errors, [
      { path: 'body.password', type: 'any.required', message: '"password" is required' },
    ]);
    const vi = await request(app).post('/api/v1/auth/login').send({ username: 'a' }).expect(400);
    // Vietnamese messages name the field in Vietnamese, the key in parentheses (issue 13 "Everyone").
    assert.equal(vi.body.errors[0].message, 'Mật khẩu (password) là bắt buộc');
    assert.equal(vi.body.title, 'Dữ liệu gửi lên không hợp lệ.');
    const nested = await request(app)
      .post('/api/v1/auth/login')
      .send({ username: 'a', password: 'b', extra: [1] })
      .expect(400);
    assert.equal(nested.body.errors[0].message, 'Trường "extra" là trường không được phép');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await request(app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "a",')
      .expect(400);
    assert.equal(res.body.code, 'MALFORMED_JSON');
  });

  it('answers a body over the size limit with 413', async () => {
    const res = await request(app)
      .post('/api/v1/auth/login')
      .send({ username: 'a', password: 'x'.repeat(5000) })
      .expect(413);
    assert.equal(res.body.code, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses unknown body keys and non-object bodies with 400', async () => {
    const unknown = await request(app)
      .post('/api/v1/auth/login')
      .send({ username: 'a', password: 'b', isAdmin: true })
      .expect(400);
    assert.equal(unknown.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      unknown.body.errors.map((e: { path: string }) => e.path),
      ['body.isAdmin'],
    );
    const array = await request(app).post('/api/v1/auth/login').send([1, 2]).expect(400);
    assert.equal(array.body.code, 'VALIDATION_FAILED');
  });

  it('refuses unknown query keys and malformed ids with 400, not 500', async () => {
    const user = await createUser({ roles: ['admin'] });
    await request(app).get('/api/v1/users').query({ password: 'x' }).set(bearer(user)).expect(400);
    await request(app).get('/api/v1/users/not-a-uuid').set(bearer(user)).expect(400);
    await request(app).get('/api/v1/users').query({ limit: 10_000 }).set(bearer(user)).expect(400);
  });

  it('keeps a valid incoming request id and makes one otherwise', async () => {
    const given = await request(app).get('/healthz').set('X-Request-Id', 'abc-123').expect(200);
    assert.equal(given.headers['x-request-id'], 'abc-123');
    const made = await request(app).get('/healthz').set('X-Request-Id', 'bad id with spaces').expect(200);
    assert.match(made.headers['x-request-id']!, /^[0-9a-f-]{36}$/);
  });

  it('sets security headers and no X-Powered-By', async () => {
    const res = await request(app).get('/healthz').expect(200);
    assert.equal(res.headers['x-powered-by'], undefined);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['content-security-policy']);
  });

  it('allows CORS only for configured origins', async () => {
    const open = makeApp({ env: { CORS_ORIGINS: 'https://motcua.hungyen.gov.vn' } }).app;
    const allowed = await request(open).get('/healthz').set('Origin', 'https://motcua.hungyen.gov.vn').expect(200);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://motcua.hungyen.gov.vn');
    const other = await request(open).get('/healthz').set('Origin', 'https://evil.example').expect(200);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });
});

describe('platform: health and reference', () => {
  it('reports liveness and readiness with the migrations applied', async () => {
    assert.deepEqual((await request(app).get('/healthz').expect(200)).body, { status: 'ok' });
    const ready = await request(app).get('/readyz').expect(200);
    assert.equal(ready.body.status, 'ready');
  });

  it('documents every route in /openapi.json with its roles, and renders /docs', async () => {
    const doc = (await request(app).get('/openapi.json').expect(200)).body;
    const routes = [
      'post /api/v1/auth/login',
      'post /api/v1/auth/refresh',
      'post /api/v1/auth/logout',
      'get /api/v1/auth/me',
      'post /api/v1/auth/password',
      'post /api/v1/users',
      'get /api/v1/users',
      'get /api/v1/users/{id}',
      'patch /api/v1/users/{id}',
      'post /api/v1/agencies',
      'get /api/v1/agencies',
      'get /api/v1/agencies/{id}',
      'patch /api/v1/agencies/{id}',
    ];
    for (const route of routes) {
      const [method, path] = route.split(' ') as [string, string];
      assert.ok(doc.paths[path]?.[method], `${route} is documented`);
    }
    assert.deepEqual(doc.paths['/api/v1/agencies'].post['x-roles'], ['admin']);
    assert.ok(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties.username);
    const docs = await request(app).get('/docs/').expect(200);
    assert.match(docs.text, /swagger-ui/i);
  });
});

describe('platform: logs', () => {
  it('never writes passwords, tokens or hashes to the log', async () => {
    const { logger, lines } = capturingLogger();
    const logged = makeApp({ logger }).app;
    const user = await createUser();
    const pair = (
      await request(logged)
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: user.password })
        .expect(200)
    ).body;
    await request(logged).post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(200);
    await request(logged)
      .get('/api/v1/auth/me?pin=ABC123')
      .set('Authorization', `Bearer ${pair.accessToken}`)
      .expect(400);
    const text = lines.join('');
    assert.ok(lines.length >= 3, 'requests are logged');
    for (const secret of [user.password, pair.refreshToken, pair.accessToken, '$2b$', 'ABC123']) {
      assert.ok(!text.includes(secret), `log holds ${secret.slice(0, 8)}…`);
    }
  });
});
