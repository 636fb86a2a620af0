import { strict as assert } from 'node:assert';
import request from 'supertest';
import { makeApp } from '../../support/app.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';

/** Issue 9 item 5: statistics reach a bounded span, and the error says the bound. */
describe('stats: bounded ranges and years', () => {
  const { app } = makeApp();

  it('refuses ranges over 400 days or outside 2000–2100, and says so in both languages', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const get = (path: string, query: Record<string, string>, lang = 'vi') =>
      request(app).get(`/api/v1/stats/${path}`).query(query).set(bearer(admin)).set('Accept-Language', lang);

    const huge = await get('agencies', { from: '1900-01-01', to: '2100-12-31' }, 'en');
    assert.equal(huge.status, 400);
    assert.equal(huge.body.code, 'STATS_RANGE_TOO_LONG');
    assert.match(huge.body.title, /at most 400 days/);
    assert.match(huge.body.title, /2000–2100/);
    assert.doesNotMatch(huge.body.title + huge.body.detail, /\{\w+\}/);
    const vi = await get('agencies', { from: '1900-01-01', to: '2100-12-31' });
    assert.match(vi.body.detail, /tối đa 400 ngày/);

    assert.equal((await get('agencies', { from: '2026-01-01', to: '2027-02-04' })).status, 200, '400 days are allowed');
    assert.equal(
      (await get('agencies', { from: '2026-01-01', to: '2027-02-05' })).body.code,
      'STATS_RANGE_TOO_LONG',
      '401 are not',
    );
    assert.equal((await get('agencies', { from: '1999-12-01', to: '2000-01-31' })).body.code, 'STATS_RANGE_TOO_LONG');
    assert.equal((await get('agencies', { from: '2026-02-01', to: '2026-01-01' })).body.code, 'STATS_RANGE_TOO_LONG');

    for (const period of ['1999', '1900-Q1', '2101-H1', '9999-12']) {
      const res = await get('index', { period }, 'en');
      assert.equal(res.status, 400, period);
      assert.equal(res.body.code, 'STATS_YEAR_OUT_OF_RANGE', period);
      assert.match(res.body.detail, /2000–2100/);
    }
    assert.equal((await get('index', { period: '2000' })).status, 200);
    assert.equal((await get('index', { period: '2100-12' })).status, 200);
  });

  it('bounds trends to 36 months within 2000–2100', async () => {
    const agency = await createAgency({ level: 'province' });
    const supervisor = await createUser({ roles: ['supervisor'], agencyId: agency.id });
    const trend = (from: string, to: string) =>
      request(app)
        .get('/api/v1/stats/trend')
        .query({ from, to, agencyId: agency.id })
        .set(bearer(supervisor))
        .set('Accept-Language', 'en');
    const long = await trend('2020-01', '2026-01');
    assert.equal(long.body.code, 'STATS_TREND_TOO_LONG');
    assert.match(long.body.detail, /at most 36 months/);
    assert.equal((await trend('1900-01', '1900-02')).body.code, 'STATS_YEAR_OUT_OF_RANGE');
    assert.equal((await trend('2026-01', '2026-03')).status, 200);
  });
});
