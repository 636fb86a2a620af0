import { strict as assert } from 'node:assert';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { lookupFailures } from '../../../src/db/schema/index.js';
import { testDatabase } from '../../support/db.js';
import { buildWorld, type IntakeBody, type World } from '../dossiers/world.js';

const db = () => testDatabase().db;
const from = (w: World, d: IntakeBody, client: string, query: object) =>
  request(w.app).get(`/api/v1/public/dossiers/${d.code}`).set('X-Forwarded-For', client).query(query);
const wrongPin = (d: IntakeBody) => (d.lookupPin === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA');

/** Issue 9 item 3: limits that slow a stranger without locking the holder out. */
describe('public lookup limits', () => {
  it('counts failures per code and client: a stranger’s wrong PINs do not lock the holder out', async () => {
    const w = await buildWorld({
      env: { TRUST_PROXY: '1', PUBLIC_CODE_FAILURE_LIMIT: '3', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    const d = await w.intake();
    for (let i = 0; i < 3; i++) await from(w, d, '203.0.113.9', { pin: wrongPin(d) }).expect(404);
    assert.equal((await from(w, d, '203.0.113.9', { pin: d.lookupPin }).expect(429)).body.code, 'RATE_LIMITED');
    await from(w, d, '198.51.100.7', { pin: d.lookupPin }).expect(200);
  });

  it('closes the phone digits after one wrong guess, doubling; the PIN still works', async () => {
    const w = await buildWorld({ env: { TRUST_PROXY: '1', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000' } });
    const d = await w.intake();
    await from(w, d, '203.0.113.1', { phone4: '0000' }).expect(404);
    const locked = await from(w, d, '198.51.100.2', { phone4: '5678' }).expect(429);
    assert.equal(locked.body.code, 'LOOKUP_PHONE_LOCKED');
    assert.match(locked.body.detail, /mã PIN/);
    await from(w, d, '198.51.100.2', { pin: d.lookupPin }).expect(200);
    const [row] = await db().select().from(lookupFailures).where(eq(lookupFailures.code, d.code));
    assert.equal(
      row!.phone4LockedUntil!.toISOString(),
      new Date(Date.parse('2026-11-23T10:00:00+07:00') + 48 * 3_600_000).toISOString(),
    );

    w.clock.set('2026-11-25T10:01');
    await from(w, d, '198.51.100.2', { phone4: '5678' }).expect(200);
    await from(w, d, '203.0.113.1', { phone4: '1111' }).expect(404);
    const [again] = await db().select().from(lookupFailures).where(eq(lookupFailures.code, d.code));
    assert.equal(again!.phone4Failures, 2);
    assert.equal(
      again!.phone4LockedUntil!.toISOString(),
      new Date(Date.parse('2026-11-25T10:01:00+07:00') + 96 * 3_600_000).toISOString(),
    );
    w.clock.set('2026-11-27T10:02');
    await from(w, d, '198.51.100.2', { phone4: '5678' }).expect(429);
  });

  it('a code-wide daily ceiling against many addresses; open again the next day; unknown codes leave no rows', async () => {
    const w = await buildWorld({
      env: { TRUST_PROXY: '1', PUBLIC_CODE_DAILY_FAILURE_CEILING: '3', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    const d = await w.intake();
    for (let i = 1; i <= 3; i++) await from(w, d, `203.0.113.${i}`, { pin: wrongPin(d) }).expect(404);
    const closed = await from(w, d, '198.51.100.2', { pin: d.lookupPin }).expect(429);
    assert.equal(closed.body.code, 'LOOKUP_CODE_LOCKED');
    w.clock.set('2026-11-24T08:00');
    await from(w, d, '198.51.100.2', { pin: d.lookupPin }).expect(200);
    await request(w.app).get('/api/v1/public/dossiers/000.00.99.Z99-261123-9999').query({ pin: 'AAAAAA' }).expect(404);
    assert.equal(
      (await db().select().from(lookupFailures).where(eq(lookupFailures.code, '000.00.99.Z99-261123-9999'))).length,
      0,
    );
  });
});
