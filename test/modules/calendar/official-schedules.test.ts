import { strict as assert } from 'node:assert';
import request from 'supertest';
import { makeApp } from '../../support/app.js';
import { bearer, createUser } from '../../support/factories.js';

const { app } = makeApp();

/** The official schedules of domain A7: weekdays off, and Saturdays worked, for the whole year. */
const official: Record<number, { weekdaysOff: string[]; saturdaysWorked: string[] }> = {
  2024: {
    weekdaysOff: [
      '01-01',
      '02-08',
      '02-09',
      '02-12',
      '02-13',
      '02-14',
      '04-18',
      '04-29',
      '04-30',
      '05-01',
      '09-02',
      '09-03',
    ],
    saturdaysWorked: ['05-04'],
  },
  2025: {
    weekdaysOff: [
      '01-01',
      '01-27',
      '01-28',
      '01-29',
      '01-30',
      '01-31',
      '04-07',
      '04-30',
      '05-01',
      '05-02',
      '09-01',
      '09-02',
    ],
    saturdaysWorked: ['04-26'],
  },
  2026: {
    weekdaysOff: [
      '01-01',
      '02-16',
      '02-17',
      '02-18',
      '02-19',
      '02-20',
      '04-27',
      '04-30',
      '05-01',
      '08-31',
      '09-01',
      '09-02',
    ],
    saturdaysWorked: ['08-22'],
  },
};

describe('calendar: the official schedules 2024–2026 (domain A7), whole years', () => {
  for (const [year, expected] of Object.entries(official)) {
    it(`${year}: exactly the official weekdays off and Saturdays worked`, async () => {
      const officer = await createUser();
      const res = await request(app)
        .get('/api/v1/calendar/days')
        .query({ from: `${year}-01-01`, to: `${year}-12-31` })
        .set(bearer(officer))
        .expect(200);
      const days = res.body.days as Array<{ date: string; working: boolean }>;
      const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
      const weekdaysOff = days
        .filter((d) => !d.working && weekday(d.date) >= 1 && weekday(d.date) <= 5)
        .map((d) => d.date.slice(5));
      const weekendsWorked = days
        .filter((d) => d.working && (weekday(d.date) === 0 || weekday(d.date) === 6))
        .map((d) => d.date.slice(5));
      assert.deepEqual(weekdaysOff, expected.weekdaysOff);
      assert.deepEqual(weekendsWorked, expected.saturdaysWorked);
    });
  }
});
