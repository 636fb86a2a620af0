import { strict as assert } from 'node:assert';
import { dayNumber, isoDate, isoWeekday } from '../../../src/modules/calendar/civil.js';
import { ruleDaysOff } from '../../../src/modules/calendar/holidays.js';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../../../src/modules/calendar/working-time.js';

/** Weekdays off by the rules in a year, as ISO dates with their reasons. */
function weekdaysOff(year: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [dn, reasons] of ruleDaysOff(year)) if (isoWeekday(dn) <= 5) out[isoDate(dn)] = reasons;
  return out;
}

const between = (year: number, from: string, to: string) =>
  Object.keys(weekdaysOff(year))
    .filter((d) => d >= from && d <= to)
    .sort();

describe('calendar: holiday rules (domain B1)', () => {
  it('Tết 2024 (1/1 lunar on a Saturday): Thu, Fri before + Mon, Tue, Wed after', () => {
    assert.equal(isoWeekday(dayNumber(2024, 2, 10)), 6);
    assert.deepEqual(between(2024, '2024-02-01', '2024-02-28'), [
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
  });

  it('Tết 2025 (Wednesday) and 2026 (Tuesday): the Mon–Fri week that contains it', () => {
    assert.deepEqual(between(2025, '2025-01-15', '2025-02-15'), [
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
    assert.deepEqual(between(2026, '2026-02-01', '2026-02-28'), [
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  it('Tết on a Monday (2036-01-28): its Mon–Fri week', () => {
    assert.equal(isoWeekday(dayNumber(2036, 1, 28)), 1);
    assert.deepEqual(between(2036, '2036-01-15', '2036-02-15'), [
      '2036-01-28',
      '2036-01-29',
      '2036-01-30',
      '2036-01-31',
      '2036-02-01',
    ]);
  });

  it('Tết on a Friday (2018-02-16): Wed, Thu, Fri + next Mon, Tue', () => {
    assert.equal(isoWeekday(dayNumber(2018, 2, 16)), 5);
    assert.deepEqual(between(2018, '2018-02-01', '2018-02-28'), [
      '2018-02-14',
      '2018-02-15',
      '2018-02-16',
      '2018-02-19',
      '2018-02-20',
    ]);
  });

  it('Tết on a Sunday (2037-02-15): Fri before + Mon–Thu after', () => {
    assert.equal(isoWeekday(dayNumber(2037, 2, 15)), 7);
    assert.deepEqual(between(2037, '2037-02-01', '2037-02-28'), [
      '2037-02-13',
      '2037-02-16',
      '2037-02-17',
      '2037-02-18',
      '2037-02-19',
    ]);
  });

  it('Tết on a Thursday (2035-02-08): its Mon–Fri week', () => {
    assert.equal(isoWeekday(dayNumber(2035, 2, 8)), 4);
    assert.deepEqual(between(2035, '2035-02-01', '2035-02-28'), [
      '2035-02-05',
      '2035-02-06',
      '2035-02-07',
      '2035-02-08',
      '2035-02-09',
    ]);
  });

  const adjacent: Array<[number, string, string]> = [
    // [year, weekday of 2/9, adjacent day]
    [2024, 'Mon', '2024-09-03'],
    [2025, 'Tue', '2025-09-01'],
    [2026, 'Wed', '2026-09-01'],
    [2027, 'Thu', '2027-09-03'],
    [2022, 'Fri', '2022-09-01'],
    [2023, 'Sat', '2023-09-01'],
    [2029, 'Sun', '2029-09-03'],
  ];
  for (const [year, weekday, day] of adjacent) {
    it(`2/9 on a ${weekday} (${year}) takes ${day} as its adjacent day`, () => {
      assert.ok(
        ruleDaysOff(year)
          .get(dayNumber(year, 9, Number(day.slice(-2))))
          ?.includes('Quốc khánh (ngày liền kề)'),
      );
    });
  }

  it('2/9 on a Saturday (2023): Fri 1/9 adjacent, Mon 4/9 compensatory', () => {
    assert.deepEqual(between(2023, '2023-08-28', '2023-09-08'), ['2023-09-01', '2023-09-04']);
  });

  it('2/9 on a Sunday (2029): Mon 3/9 adjacent, Tue 4/9 compensatory (the next day not already off)', () => {
    assert.deepEqual(between(2029, '2029-08-28', '2029-09-08'), ['2029-09-03', '2029-09-04']);
  });

  it('a holiday on a Sunday gives the next Monday: Giỗ Tổ 2026 (Sun 26/4) → Mon 27/4', () => {
    assert.deepEqual(weekdaysOff(2026)['2026-04-27'], ['Nghỉ bù Giỗ Tổ Hùng Vương']);
  });

  it('a holiday on a Saturday gives the next Monday: 1/5/2027 (Sat) → Mon 3/5', () => {
    assert.deepEqual(weekdaysOff(2027)['2027-05-03'], ['Nghỉ bù Ngày Quốc tế Lao động (1/5)']);
  });

  it('two holidays on one weekend give Monday and Tuesday: 30/4/2022 (Sat) and 1/5/2022 (Sun)', () => {
    assert.deepEqual(between(2022, '2022-04-25', '2022-05-06'), ['2022-05-02', '2022-05-03']);
  });

  it('three holidays on and next to a weekend chain their days: 2023 (Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon)', () => {
    assert.deepEqual(between(2023, '2023-04-24', '2023-05-08'), ['2023-05-01', '2023-05-02', '2023-05-03']);
  });

  it('1/1 on a Saturday (2022) gives Monday 3/1', () => {
    assert.deepEqual(between(2022, '2022-01-01', '2022-01-07'), ['2022-01-03']);
  });

  it('an extra working day beats every rule, and an extra day off is added with its reason', () => {
    const calendar = new WorkingCalendar(DEFAULT_CALENDAR, (year) =>
      year === 2026
        ? {
            daysOff: [{ date: '2026-08-31', reason: 'Nghỉ hoán đổi' }],
            workingDays: [
              { date: '2026-08-22', reason: 'Làm bù' },
              { date: '2026-09-01', reason: 'Trực' },
            ],
          }
        : { daysOff: [], workingDays: [] },
    );
    assert.deepEqual(calendar.day(dayNumber(2026, 8, 22)), { working: true, reasons: ['Làm bù'] });
    assert.deepEqual(calendar.day(dayNumber(2026, 8, 31)), { working: false, reasons: ['Nghỉ hoán đổi'] });
    assert.deepEqual(calendar.day(dayNumber(2026, 9, 1)), { working: true, reasons: ['Trực'] });
    assert.deepEqual(calendar.day(dayNumber(2026, 8, 23)), { working: false, reasons: ['Nghỉ hằng tuần'] });
  });
});
