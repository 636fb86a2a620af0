import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { makeApp, TEST_SECRET } from '../../support/app.js';
import { createUser, tokenFor } from '../../support/factories.js';

/** Hand-signed access tokens with the right secret but missing or impossible claims (issue 9 item 5). */
describe('auth: access tokens must carry exp, iat and sub', () => {
  const { app } = makeApp();
  const me = (token: string) => request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (payload: object, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, TEST_SECRET, { algorithm: 'HS256', issuer: 'motcua', ...options });

  /** jsonwebtoken refuses to sign a non-numeric exp: sign by hand. */
  const handSigned = (payload: object) => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
    return `${head}.${createHmac('sha256', TEST_SECRET).update(head).digest('base64url')}`;
  };

  it('refuses tokens without exp, without iat, or without sub', async () => {
    const user = await createUser();
    const claims = { sub: user.id, username: user.username, roles: user.roles, agencyId: user.agencyId };
    const cases: Array<[string, string]> = [
      ['no exp', sign(claims)],
      ['no iat', sign({ ...claims, exp: now() + 600 }, { noTimestamp: true })],
      ['no sub', sign({ username: user.username, roles: user.roles, agencyId: user.agencyId }, { expiresIn: 600 })],
      ['empty sub', sign({ ...claims, sub: '' }, { expiresIn: 600 })],
      ['string exp', handSigned({ ...claims, iss: 'motcua', iat: now(), exp: String(now() + 600) })],
      ['iat in the future', sign({ ...claims, iat: now() + 3600, exp: now() + 4000 })],
      ['a life of ten years', sign({ ...claims, exp: now() + 10 * 365 * 86_400 })],
    ];
    for (const [what, token] of cases) {
      const res = await me(token);
      assert.equal(res.status, 401, what);
      assert.equal(res.body.code, 'UNAUTHENTICATED', what);
    }
    // The same claims with exp and iat, as the API signs them, are accepted.
    await me(sign(claims, { expiresIn: 600 })).expect(200);
    await me(tokenFor(user)).expect(200);
  });
});
