import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  computeDeadline,
  deadlineAfterPause,
  deadlineAfterRestart,
  remainingWorkingTime,
  timeStatus,
  type Budget,
} from '../../../src/modules/calendar/deadline.js';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../../../src/modules/calendar/working-time.js';
import { NaiveCalendar } from '../../support/naive-calendar.js';

// The official 2026 swap (A7): Mon 31/08 off, Sat 22/08 worked.
const calendar = new WorkingCalendar(DEFAULT_CALENDAR, (year) =>
  year === 2026
    ? {
        daysOff: [{ date: '2026-08-31', reason: 'Nghỉ hoán đổi' }],
        workingDays: [{ date: '2026-08-22', reason: 'Làm bù' }],
      }
    : { daysOff: [], workingDays: [] },
);
const at = (local: string) => Date.parse(`${local}+07:00`);
const show = (t: number) => new Date(t + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const due = (received: string, budget: Budget) => {
  const r = computeDeadline(calendar, at(received), budget);
  return { clockStart: show(r.clockStart), dueAt: show(r.dueAt) };
};
const HOUR = 3_600_000;

describe('calendar: deadlines (domain B2)', () => {
  it('worked example: received Mon 10:00, 3 working days → due Thu 17:00', () => {
    assert.deepEqual(due('2026-11-23T10:00', { value: 3, unit: 'working_days' }), {
      clockStart: '2026-11-23 10:00',
      dueAt: '2026-11-26 17:00',
    });
  });

  it('receipt before opening starts the clock at 07:30 the same day; the day is still not counted', () => {
    assert.deepEqual(due('2026-11-23T06:45', { value: 1, unit: 'working_days' }), {
      clockStart: '2026-11-23 07:30',
      dueAt: '2026-11-24 17:00',
    });
  });

  it('receipt in the lunch break starts the clock at 13:00', () => {
    assert.deepEqual(due('2026-11-23T12:10', { value: 4, unit: 'working_hours' }), {
      clockStart: '2026-11-23 13:00',
      dueAt: '2026-11-23 17:00',
    });
  });

  it('receipt at exactly 17:00 counts from the next working day, which becomes the receipt day', () => {
    assert.deepEqual(due('2026-11-27T17:00', { value: 1, unit: 'working_days' }), {
      clockStart: '2026-11-30 07:30',
      dueAt: '2026-12-01 17:00',
    });
  });

  it('receipt on a holiday counts from the next working day (Tết 2026)', () => {
    assert.deepEqual(due('2026-02-17T09:00', { value: 2, unit: 'working_days' }), {
      clockStart: '2026-02-23 07:30',
      dueAt: '2026-02-25 17:00',
    });
  });

  it('a swapped working Saturday is a working day (22/08/2026), and its swapped Monday is not', () => {
    assert.deepEqual(due('2026-08-22T09:00', { value: 1, unit: 'working_days' }), {
      clockStart: '2026-08-22 09:00',
      dueAt: '2026-08-24 17:00',
    });
    assert.deepEqual(due('2026-08-28T09:00', { value: 1, unit: 'working_days' }), {
      clockStart: '2026-08-28 09:00',
      dueAt: '2026-09-03 17:00',
    });
  });

  it('a budget ending exactly at a close is due at that close, not at the next opening', () => {
    assert.deepEqual(due('2026-11-23T07:30', { value: 8, unit: 'working_hours' }), {
      clockStart: '2026-11-23 07:30',
      dueAt: '2026-11-23 17:00',
    });
    assert.deepEqual(due('2026-11-23T09:30', { value: 2, unit: 'working_hours' }), {
      clockStart: '2026-11-23 09:30',
      dueAt: '2026-11-23 11:30',
    });
  });

  it('half a working day is 4 working hours across the lunch break', () => {
    assert.deepEqual(due('2026-11-23T10:00', { value: 4, unit: 'working_hours' }), {
      clockStart: '2026-11-23 10:00',
      dueAt: '2026-11-23 15:30',
    });
  });

  it('calendar days end at the close of the date, or of the next working day', () => {
    assert.deepEqual(due('2026-11-23T10:00', { value: 3, unit: 'calendar_days' }).dueAt, '2026-11-26 17:00');
    assert.deepEqual(due('2026-11-25T10:00', { value: 3, unit: 'calendar_days' }).dueAt, '2026-11-30 17:00');
  });

  it('same day: before the cut-off → today; after → next working day; clock moved to a later day → that day', () => {
    assert.equal(due('2026-11-23T14:59', { value: 0, unit: 'same_day' }).dueAt, '2026-11-23 17:00');
    assert.equal(due('2026-11-23T15:00', { value: 0, unit: 'same_day' }).dueAt, '2026-11-24 17:00');
    assert.equal(due('2026-11-27T16:00', { value: 0, unit: 'same_day' }).dueAt, '2026-11-30 17:00');
    assert.equal(due('2026-11-23T18:30', { value: 0, unit: 'same_day' }).dueAt, '2026-11-24 17:00');
    assert.equal(due('2026-11-23T06:00', { value: 0, unit: 'same_day' }).dueAt, '2026-11-23 17:00');
    assert.equal(due('2026-11-23T11:00', { value: 0, unit: 'same_day', cutoff: '10:30' }).dueAt, '2026-11-24 17:00');
  });

  it('crosses the year end and New Year’s day', () => {
    assert.equal(due('2026-12-30T10:00', { value: 5, unit: 'working_days' }).dueAt, '2027-01-07 17:00');
    assert.equal(due('2026-12-31T16:00', { value: 2, unit: 'working_hours' }).dueAt, '2027-01-04 08:30');
  });

  describe('pauses', () => {
    const base = computeDeadline(calendar, at('2026-11-23T10:00'), { value: 3, unit: 'working_days' }).dueAt; // Thu 26/11 17:00

    it('a pause that starts before the deadline adds the working time it covered', () => {
      assert.equal(
        show(deadlineAfterPause(calendar, base, at('2026-11-24T10:00'), at('2026-11-25T10:00'))),
        '2026-11-27 17:00',
      );
    });

    it('a pause over a weekend adds only the working time inside it', () => {
      const friday = computeDeadline(calendar, at('2026-11-27T10:00'), { value: 3, unit: 'working_days' }).dueAt;
      assert.equal(show(friday), '2026-12-02 17:00');
      const moved = deadlineAfterPause(calendar, friday, at('2026-11-27T16:00'), at('2026-11-30T08:30'));
      assert.equal(calendar.between(friday, moved), 2 * HOUR);
      assert.equal(show(moved), '2026-12-03 09:30');
    });

    it('a pause across Tết counts no holiday time', () => {
      const before = computeDeadline(calendar, at('2026-02-12T10:00'), { value: 3, unit: 'working_days' }).dueAt; // Tue 24/02
      assert.equal(show(before), '2026-02-24 17:00');
      const moved = deadlineAfterPause(calendar, before, at('2026-02-13T16:00'), at('2026-02-23T08:30'));
      assert.equal(show(moved), '2026-02-25 09:30');
    });

    it('a pause that starts after the deadline moves it by the pause, so the dossier stays late', () => {
      const moved = deadlineAfterPause(calendar, base, at('2026-11-27T09:00'), at('2026-11-27T11:00'));
      assert.equal(show(moved), '2026-11-27 09:30');
      assert.ok(moved < at('2026-11-27T11:00'), 'still past due when the pause ends');
    });

    it('a pause entirely outside office hours changes nothing', () => {
      assert.equal(deadlineAfterPause(calendar, base, at('2026-11-24T18:00'), at('2026-11-25T06:00')), base);
    });

    it('restart: the whole budget again from the supplement', () => {
      assert.equal(
        show(deadlineAfterRestart(calendar, at('2026-11-25T16:30'), { value: 3, unit: 'working_days' })),
        '2026-11-30 17:00',
      );
    });
  });

  it('remaining time and due soon (less than one working day left)', () => {
    const dueAt = at('2026-11-26T17:00');
    assert.equal(remainingWorkingTime(calendar, at('2026-11-25T17:00'), dueAt), 8 * HOUR);
    assert.deepEqual(timeStatus(calendar, at('2026-11-25T17:00'), dueAt, false), { withinTime: true, dueSoon: false });
    assert.deepEqual(timeStatus(calendar, at('2026-11-26T08:00'), dueAt, false), { withinTime: true, dueSoon: true });
    assert.deepEqual(timeStatus(calendar, at('2026-11-26T17:01'), dueAt, false), { withinTime: false, dueSoon: false });
    assert.deepEqual(timeStatus(calendar, at('2026-11-30T10:00'), dueAt, true), { withinTime: true, dueSoon: false });
    assert.equal(remainingWorkingTime(calendar, at('2026-11-27T08:30'), dueAt), -1 * HOUR);
  });
});

describe('calendar: deadline properties (fast-check)', () => {
  const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) });
  const minuteInstant = instant.map((t) => Math.floor(t / 60_000) * 60_000);
  const hours = fc.integer({ min: 1, max: 200 * 60 }).map((m) => m * 60_000);

  /** Inside an office window of a working day, or exactly at a window's close. */
  function inOfficeHours(t: number): boolean {
    const local = t + 7 * HOUR;
    const dn = Math.floor(local / 86_400_000);
    const offset = local - dn * 86_400_000;
    return (
      calendar.day(dn).working &&
      [
        [7.5, 11.5],
        [13, 17],
      ].some(([s, e]) => offset > s! * HOUR && offset <= e! * HOUR)
    );
  }

  it('dueAt always lies in office hours of a working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), hours, (t, days, ms) => {
        assert.ok(inOfficeHours(computeDeadline(calendar, t, { value: days, unit: 'working_days' }).dueAt));
        assert.ok(inOfficeHours(computeDeadline(calendar, t, { value: days, unit: 'calendar_days' }).dueAt));
        assert.ok(inOfficeHours(computeDeadline(calendar, t, { value: ms / HOUR, unit: 'working_hours' }).dueAt));
      }),
      { numRuns: 3000 },
    );
  });

  it('W is monotone', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
        assert.ok(calendar.between(x, y) >= 0);
        assert.ok(calendar.between(x, z) >= calendar.between(x, y));
        assert.equal(calendar.between(x, z), calendar.between(x, y) + calendar.between(y, z));
      }),
      { numRuns: 3000 },
    );
  });

  it('adding then measuring working time returns the budget', () => {
    fc.assert(
      fc.property(instant, hours, (t, ms) => {
        assert.equal(calendar.between(t, calendar.add(t, ms)), ms);
      }),
      { numRuns: 3000 },
    );
  });

  it('a longer budget never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instant, hours, hours, fc.nat(60), fc.nat(60), (t, h1, h2, d1, d2) => {
        const hs = [h1, h2].sort((p, q) => p - q);
        const ds = [d1, d2].sort((p, q) => p - q);
        assert.ok(calendar.add(t, hs[0]!) <= calendar.add(t, hs[1]!));
        const wd = (n: number) => computeDeadline(calendar, t, { value: n, unit: 'working_days' }).dueAt;
        assert.ok(wd(ds[0]!) <= wd(ds[1]!));
      }),
      { numRuns: 2000 },
    );
  });

  it('a pause never makes a deadline earlier', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 30 }),
        instant,
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (t, days, p, length) => {
          const dueAt = computeDeadline(calendar, t, { value: days, unit: 'working_days' }).dueAt;
          assert.ok(deadlineAfterPause(calendar, dueAt, p, p + length) >= dueAt);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with a naive day-by-day / minute-by-minute reference', () => {
    const naive = new NaiveCalendar(calendar);
    fc.assert(
      fc.property(
        minuteInstant,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 40 * 60 }),
        (t, days, minutes) => {
          assert.equal(
            computeDeadline(calendar, t, { value: days, unit: 'working_days' }).dueAt,
            naive.workingDays(t, days),
          );
          assert.equal(calendar.add(calendar.clockStart(t), minutes * 60_000), naive.workingMinutes(t, minutes));
          assert.equal(calendar.clockStart(t), naive.clockStart(t));
        },
      ),
      { numRuns: 300 },
    );
  });
});
