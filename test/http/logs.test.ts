import { strict as assert } from 'node:assert';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { safeError } from '../../src/lib/safe-error.js';
import { capturingLogger, makeApp } from '../support/app.js';
import { testDatabase } from '../support/db.js';
import { bearer, createAgency, createProcedure, createUser, TestClock } from '../support/factories.js';

const applicant = {
  name: 'Phạm Thị Hồng Nhung',
  idNumber: '034190099887',
  phone: '0987 654 321',
  address: 'Số 17 ngõ Chùa Chuông, Hưng Yên',
};
const TRIGGER_NAME = 'Lỗi Ghi Thử Nghiệm';

/** Issue 9 item 7 and issue 13: logs say what failed and who asked, never personal data. */
describe('logs: no personal data, the user id on request lines', () => {
  it('logs a failing database write by SQLSTATE, table and statement, without any applicant value', async () => {
    const { logger, lines } = capturingLogger();
    const clock = new TestClock(Date.parse('2026-11-23T10:00+07:00'));
    const { app } = makeApp({ logger, clock });
    const province = await createAgency({ level: 'province' });
    const center = await createAgency({ level: 'center', parentId: province.id });
    const department = await createAgency({ level: 'department', parentId: province.id });
    const procedure = await createProcedure({ agencyId: department.id });
    const receptionist = await createUser({
      roles: ['receptionist'],
      agencyId: center.id,
      fullName: 'Đỗ Văn Tiếp Nhận',
    });

    // A real database failure that no client can cause: a test-only trigger refuses one applicant
    // name and, like PostgreSQL's own messages, quotes the row in its message.
    const { db } = testDatabase();
    await db.execute(
      sql.raw(`
      create or replace function test_refuse_applicant() returns trigger language plpgsql as $$
      begin
        if new.applicant->>'name' like '${TRIGGER_NAME}%' then
          raise exception 'refused row %', new.applicant::text using errcode = 'XX001';
        end if;
        return new;
      end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger test_refuse_applicant before insert on dossiers for each row execute function test_refuse_applicant()',
      ),
    );
    try {
      const res = await request(app)
        .post('/api/v1/dossiers')
        .set(bearer(receptionist))
        .send({
          procedureCode: procedure.code,
          channel: 'direct',
          applicant: { ...applicant, name: `${TRIGGER_NAME} ${applicant.name}` },
        });
      assert.equal(res.status, 500);
      assert.equal(res.body.code, 'INTERNAL_ERROR');
      assert.ok(!JSON.stringify(res.body).includes(applicant.idNumber), 'nothing of the row in the answer');
    } finally {
      await db.execute(sql.raw('drop trigger if exists test_refuse_applicant on dossiers'));
      await db.execute(sql.raw('drop function if exists test_refuse_applicant()'));
    }

    const log = lines.join('');
    const failure = lines
      .map((l) => JSON.parse(l) as { msg: string; err?: Record<string, string> })
      .find((l) => l.msg === 'unhandled error');
    assert.ok(failure?.err, log);
    assert.equal(failure.err.sqlState, 'XX001');
    assert.match(failure.err.query ?? '', /^insert into "dossiers"/);
    for (const value of [
      ...Object.values(applicant),
      'Phạm Thị',
      '034190099887',
      '0987',
      'Chùa Chuông',
      receptionist.username,
      'Đỗ Văn',
    ]) {
      assert.ok(!log.includes(value), `the log holds "${value}": ${log}`);
    }
    assert.ok(!/params:/.test(log), 'no SQL parameters');
  });

  it('keeps a plain programming error readable (name, message, frames)', () => {
    const e = safeError(new TypeError('x is not a function'));
    assert.equal(e.type, 'TypeError');
    assert.equal(e.message, 'x is not a function');
    assert.match(e.stack ?? '', /at /);
  });

  it('puts the signed-in user id on request log lines, and no name', async () => {
    const { logger, lines } = capturingLogger();
    const { app } = makeApp({ logger });
    const user = await createUser({ roles: ['officer'], fullName: 'Lương Thị Ghi Log' });
    await request(app).get('/api/v1/auth/me').set(bearer(user)).expect(200);
    await request(app).get('/healthz').expect(200);
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; userId?: string; req?: { path: string } });
    const me = entries.find((l) => l.req?.path === '/api/v1/auth/me');
    assert.equal(me?.userId, user.id);
    assert.equal(entries.find((l) => l.req?.path === '/healthz')?.userId, undefined);
    const log = lines.join('');
    assert.ok(!log.includes('Lương Thị') && !log.includes(user.username), 'no names in request logs');
  });

  it('keeps the user id on refused requests, and has none for a bad token or a public call', async () => {
    const { logger, lines } = capturingLogger();
    const { app } = makeApp({ logger });
    const user = await createUser({ roles: ['officer'], fullName: 'Vũ Văn Bị Từ Chối' });
    await request(app).post('/api/v1/users').set(bearer(user)).send({}).expect(403);
    await request(app).get('/api/v1/users/not-a-uuid').set(bearer(user)).expect(400);
    await request(app).get('/api/v1/auth/me').set('Authorization', 'Bearer a.b.c').expect(401);
    await request(app)
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: 'sai-mat-khau-1' })
      .expect(401);
    const entries = lines
      .map(
        (l) =>
          JSON.parse(l) as { userId?: string; req?: { method: string; path: string }; res?: { statusCode: number } },
      )
      .filter((l) => l.req && l.res);
    const of = (status: number) => entries.filter((l) => l.res!.statusCode === status);
    assert.deepEqual(
      of(403).map((l) => l.userId),
      [user.id],
      'a refused request says who was refused',
    );
    assert.deepEqual(
      of(400).map((l) => l.userId),
      [user.id],
    );
    assert.deepEqual(
      of(401).map((l) => l.userId),
      [undefined, undefined],
      'no user for a bad token or a failed login',
    );
    const log = lines.join('');
    for (const value of ['Vũ Văn', user.username, 'sai-mat-khau-1'])
      assert.ok(!log.includes(value), `the log holds "${value}"`);
  });
});
