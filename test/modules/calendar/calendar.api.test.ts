import { strict as assert } from 'node:assert';
import { and, eq } from 'drizzle-orm';
import request from 'supertest';
import { calendarOverrides } from '../../../src/db/schema/index.js';
import type { CalendarChange } from '../../../src/modules/calendar/calendar.service.js';
import { makeApp } from '../../support/app.js';
import { testDatabase } from '../../support/db.js';
import { bearer, createAgency, createUser } from '../../support/factories.js';

const { app, services } = makeApp();

describe('calendar API', () => {
  it('lists days with reasons, including the seeded official swap of 2026', async () => {
    const officer = await createUser();
    const res = await request(app)
      .get('/api/v1/calendar/days')
      .query({ from: '2026-02-15', to: '2026-02-23' })
      .set(bearer(officer))
      .expect(200);
    const byDate = Object.fromEntries(res.body.days.map((d: { date: string }) => [d.date, d]));
    assert.deepEqual(byDate['2026-02-16'], { date: '2026-02-16', working: false, reasons: ['Tết Nguyên Đán'] });
    assert.equal(byDate['2026-02-23'].working, true);
    assert.equal(res.body.days.length, 9);
    const swap = await request(app)
      .get('/api/v1/calendar/days')
      .query({ from: '2026-08-22', to: '2026-08-31' })
      .set(bearer(officer))
      .expect(200);
    assert.deepEqual(swap.body.days[0], {
      date: '2026-08-22',
      working: true,
      reasons: ['Làm bù cho ngày nghỉ 31/8/2026'],
    });
    assert.equal(swap.body.days.at(-1).working, false);
  });

  it('refuses ranges over 400 days, reversed ranges and impossible dates', async () => {
    const officer = await createUser();
    const days = (query: object) => request(app).get('/api/v1/calendar/days').query(query).set(bearer(officer));
    assert.equal((await days({ from: '2026-01-01', to: '2027-02-05' }).expect(400)).body.code, 'DATE_RANGE_TOO_LONG');
    await days({ from: '2026-01-01', to: '2027-02-04' }).expect(200);
    assert.equal((await days({ from: '2026-03-01', to: '2026-02-01' }).expect(400)).body.code, 'DATE_RANGE_TOO_LONG');
    assert.equal((await days({ from: '2026-02-30', to: '2026-03-01' }).expect(400)).body.code, 'VALIDATION_FAILED');
    await request(app).get('/api/v1/calendar/days').query({ from: '2026-01-01', to: '2026-01-02' }).expect(401);
  });

  it('computes a deadline and renders instants in +07:00', async () => {
    const officer = await createUser();
    const res = await request(app)
      .get('/api/v1/calendar/deadline')
      .query({ start: '2026-11-23T03:00:00Z', value: 3, unit: 'working_days' })
      .set(bearer(officer))
      .expect(200);
    assert.deepEqual(res.body, {
      start: '2026-11-23T10:00:00+07:00',
      clockStart: '2026-11-23T10:00:00+07:00',
      dueAt: '2026-11-26T17:00:00+07:00',
    });
    const sameDay = await request(app)
      .get('/api/v1/calendar/deadline')
      .query({ start: '2026-11-23T15:30:00+07:00', value: 0, unit: 'same_day', cutoff: '16:00' })
      .set(bearer(officer))
      .expect(200);
    assert.equal(sameDay.body.dueAt, '2026-11-23T17:00:00+07:00');
  });

  it('refuses a start without an offset, a fractional day count and an unknown unit', async () => {
    const officer = await createUser();
    const deadline = (query: object) => request(app).get('/api/v1/calendar/deadline').query(query).set(bearer(officer));
    await deadline({ start: '2026-11-23T10:00:00', value: 3, unit: 'working_days' }).expect(400);
    await deadline({ start: '2026-11-23T10:00:00+07:00', value: 1.5, unit: 'working_days' }).expect(400);
    await deadline({ start: '2026-11-23T10:00:00+07:00', value: 1.5, unit: 'working_hours' }).expect(200);
    await deadline({ start: '2026-11-23T10:00:00+07:00', value: 3, unit: 'fortnights' }).expect(400);
    await deadline({
      start: '2026-11-23T10:00:00+07:00',
      value: 3,
      unit: 'working_days',
      agencyId: '00000000-0000-4000-8000-000000000000',
    }).expect(404);
  });

  it('converts solar ↔ lunar and refuses a lunar date that does not exist', async () => {
    const officer = await createUser();
    const lunar = await request(app)
      .get('/api/v1/calendar/lunar')
      .query({ date: '2030-02-02' })
      .set(bearer(officer))
      .expect(200);
    assert.deepEqual(lunar.body, { day: 1, month: 1, year: 2030, leap: false });
    const solar = await request(app)
      .get('/api/v1/calendar/solar')
      .query({ year: 2026, month: 3, day: 10 })
      .set(bearer(officer))
      .expect(200);
    assert.deepEqual(solar.body, { date: '2026-04-26' });
    const leap = await request(app)
      .get('/api/v1/calendar/solar')
      .query({ year: 2024, month: 6, day: 1, leap: true })
      .set(bearer(officer))
      .expect(400);
    assert.equal(leap.body.code, 'LUNAR_DATE_INVALID');
  });

  it('an agency calendar (own windows, Saturday mornings) is inherited by its children', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const parent = await createAgency({ level: 'province' });
    const child = await createAgency({ parentId: parent.id });
    await request(app)
      .patch(`/api/v1/agencies/${parent.id}`)
      .set(bearer(admin))
      .send({
        calendar: {
          timeZone: 'Asia/Ho_Chi_Minh',
          weekdays: [1, 2, 3, 4, 5, 6],
          windows: [
            { start: '08:00', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
        },
      })
      .expect(200);
    const changes: CalendarChange[] = [];
    services.calendar.onChange((change) => {
      changes.push(change);
    });
    await request(app)
      .patch(`/api/v1/agencies/${child.id}`)
      .set(bearer(admin))
      .send({ name: 'Sở có lịch riêng' })
      .expect(200);
    assert.equal(changes.length, 0, 'a rename does not touch working time');
    await request(app).patch(`/api/v1/agencies/${parent.id}`).set(bearer(admin)).send({ calendar: null }).expect(200);
    await request(app)
      .patch(`/api/v1/agencies/${parent.id}`)
      .set(bearer(admin))
      .send({
        calendar: {
          timeZone: 'Asia/Ho_Chi_Minh',
          weekdays: [1, 2, 3, 4, 5, 6],
          windows: [
            { start: '08:00', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
        },
      })
      .expect(200);
    assert.deepEqual(changes, [{ agencyId: parent.id }, { agencyId: parent.id }], 'the hook runs for calendar changes');
    const res = await request(app)
      .get('/api/v1/calendar/deadline')
      .set(bearer(admin))
      .query({ start: '2026-11-27T07:00:00+07:00', value: 1, unit: 'working_days', agencyId: child.id })
      .expect(200);
    assert.deepEqual(res.body, {
      start: '2026-11-27T07:00:00+07:00',
      clockStart: '2026-11-27T08:00:00+07:00',
      dueAt: '2026-11-28T17:30:00+07:00',
    });
    const bad = await request(app)
      .patch(`/api/v1/agencies/${parent.id}`)
      .set(bearer(admin))
      .send({ calendar: { timeZone: 'Mars/Olympus', windows: [{ start: '13:00', end: '12:00' }] } })
      .expect(400);
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), [
      'body.calendar.timeZone',
      'body.calendar.windows',
    ]);
  });
});

describe('calendar API: overrides', () => {
  const put = (year: number | string, body: object, token: { Authorization: string }, agencyId?: string) =>
    request(app)
      .put(`/api/v1/calendar/overrides/${year}`)
      .query(agencyId ? { agencyId } : {})
      .set(token)
      .send(body);

  it('reads the seeded national schedule of 2025', async () => {
    const officer = await createUser();
    const res = await request(app).get('/api/v1/calendar/overrides/2025').set(bearer(officer)).expect(200);
    assert.deepEqual(
      res.body.daysOff.map((d: { date: string }) => d.date),
      ['2025-05-02'],
    );
    assert.deepEqual(
      res.body.workingDays.map((d: { date: string }) => d.date),
      ['2025-04-26'],
    );
  });

  it('an admin replaces an agency subtree’s overrides; they apply below it, not elsewhere, and the hook runs', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const province = await createAgency({ level: 'province' });
    const commune = await createAgency({ level: 'commune', parentId: province.id });
    const other = await createAgency({ level: 'province' });
    const changes: CalendarChange[] = [];
    services.calendar.onChange((change) => {
      changes.push(change);
    });
    const body = {
      daysOff: [{ date: '2027-03-08', reason: 'Lễ hội địa phương' }],
      workingDays: [{ date: '2027-03-13', reason: 'Làm bù lễ hội' }],
    };
    const res = await put(2027, body, bearer(admin), province.id).expect(200);
    assert.deepEqual(res.body, {
      year: 2027,
      agencyId: province.id,
      ...body,
      recomputeJobIds: [res.body.recomputeJobIds[0]],
    });
    assert.match(res.body.recomputeJobIds[0], /^[0-9a-f-]{36}$/);
    assert.deepEqual(changes.at(-1), { agencyId: province.id, year: 2027 });

    const day = async (agencyId: string, date: string) =>
      (
        await request(app)
          .get('/api/v1/calendar/days')
          .query({ from: date, to: date, agencyId })
          .set(bearer(admin))
          .expect(200)
      ).body.days[0];
    assert.deepEqual(await day(commune.id, '2027-03-08'), {
      date: '2027-03-08',
      working: false,
      reasons: ['Lễ hội địa phương'],
    });
    assert.equal((await day(commune.id, '2027-03-13')).working, true);
    assert.equal((await day(other.id, '2027-03-08')).working, true);

    await put(2027, { daysOff: [], workingDays: [] }, bearer(admin), province.id).expect(200);
    const stored = await testDatabase()
      .db.select()
      .from(calendarOverrides)
      .where(and(eq(calendarOverrides.agencyId, province.id), eq(calendarOverrides.year, 2027)));
    assert.equal(stored.length, 0, 'the list is replaced, not merged');
    assert.equal((await day(commune.id, '2027-03-08')).working, true);
  });

  it('refuses bad dates, duplicates, a date in both lists, a date outside the year and a year outside 2000–2100', async () => {
    const admin = await createUser({ roles: ['admin'] });
    const agency = await createAgency();
    const cases: Array<[number | string, object, string]> = [
      [2027, { daysOff: [{ date: '2027-02-30', reason: 'x' }], workingDays: [] }, 'VALIDATION_FAILED'],
      [
        2027,
        {
          daysOff: [
            { date: '2027-03-01', reason: 'x' },
            { date: '2027-03-01', reason: 'y' },
          ],
          workingDays: [],
        },
        'OVERRIDE_DUPLICATE_DATE',
      ],
      [
        2027,
        { daysOff: [{ date: '2027-03-01', reason: 'x' }], workingDays: [{ date: '2027-03-01', reason: 'y' }] },
        'OVERRIDE_DATE_IN_BOTH_LISTS',
      ],
      [2027, { daysOff: [{ date: '2028-03-01', reason: 'x' }], workingDays: [] }, 'OVERRIDE_DATE_OUTSIDE_YEAR'],
      [1999, { daysOff: [], workingDays: [] }, 'VALIDATION_FAILED'],
      [2101, { daysOff: [], workingDays: [] }, 'VALIDATION_FAILED'],
      ['abc', { daysOff: [], workingDays: [] }, 'VALIDATION_FAILED'],
      [2027, { daysOff: [{ date: '2027-03-01' }], workingDays: [] }, 'VALIDATION_FAILED'],
    ];
    for (const [year, body, code] of cases) {
      const res = await put(year, body, bearer(admin), agency.id).expect(400);
      assert.equal(res.body.code, code, JSON.stringify(body));
    }
    const stored = await testDatabase()
      .db.select()
      .from(calendarOverrides)
      .where(eq(calendarOverrides.agencyId, agency.id));
    assert.equal(stored.length, 0, 'nothing half-written');
  });

  it('only an admin may replace overrides', async () => {
    const supervisor = await createUser({ roles: ['supervisor'] });
    await put(2027, { daysOff: [], workingDays: [] }, bearer(supervisor)).expect(403);
  });
});
