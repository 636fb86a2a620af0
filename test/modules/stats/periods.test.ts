import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { dayNumber, isoDate, parseIsoDate } from '../../../src/modules/calendar/civil.js';
import { monthsBetween, parsePeriod, periodInstants } from '../../../src/modules/stats/periods.js';

describe('stats: periods (domain B4)', () => {
  it('parses calendar periods', () => {
    assert.deepEqual(parsePeriod('2026-10'), {
      label: '2026-10',
      window: 'calendar',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    assert.deepEqual(parsePeriod('2026-Q3'), {
      label: '2026-Q3',
      window: 'calendar',
      from: '2026-07-01',
      to: '2026-09-30',
    });
    assert.deepEqual(parsePeriod('2026-H1'), {
      label: '2026-H1',
      window: 'calendar',
      from: '2026-01-01',
      to: '2026-06-30',
    });
    assert.deepEqual(parsePeriod('2028-02'), {
      label: '2028-02',
      window: 'calendar',
      from: '2028-02-01',
      to: '2028-02-29',
    });
    assert.deepEqual(parsePeriod('2026'), { label: '2026', window: 'calendar', from: '2026-01-01', to: '2026-12-31' });
  });

  it('parses the reporting window exactly as domain B4 lists it', () => {
    const r = (p: string) => {
      const x = parsePeriod(p, 'report')!;
      return `${x.from}..${x.to}`;
    };
    assert.equal(r('2026-04'), '2026-03-15..2026-04-14');
    assert.equal(r('2026-Q2'), '2026-03-15..2026-06-14');
    assert.equal(r('2026-H1'), '2025-12-15..2026-06-14');
    assert.equal(r('2026'), '2025-12-15..2026-12-14');
    assert.equal(r('2026-01'), '2025-12-15..2026-01-14');
  });

  it('refuses what is not a period', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-H3', '26-01', '2026-1', 'x'])
      assert.equal(parsePeriod(bad), undefined, bad);
  });

  it('(property) consecutive months tile time without gap or overlap, in both windows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('calendar', 'report'),
        (year, month, window) => {
          const label = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
          const a = parsePeriod(label(year, month), window as 'calendar')!;
          const b = parsePeriod(month === 12 ? label(year + 1, 1) : label(year, month + 1), window as 'calendar')!;
          assert.equal(parseIsoDate(a.to)! + 1, parseIsoDate(b.from)!);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('(property) a quarter, a half and a year are exactly their months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.constantFrom('calendar', 'report'), (year, window) => {
        const w = window as 'calendar';
        const month = (m: number) => parsePeriod(`${year}-${String(m).padStart(2, '0')}`, w)!;
        for (let q = 1; q <= 4; q++) {
          const p = parsePeriod(`${year}-Q${q}`, w)!;
          assert.deepEqual([p.from, p.to], [month(3 * q - 2).from, month(3 * q).to]);
        }
        const h2 = parsePeriod(`${year}-H2`, w)!;
        assert.deepEqual([h2.from, h2.to], [month(7).from, month(12).to]);
        const y = parsePeriod(`${year}`, w)!;
        assert.deepEqual([y.from, y.to], [month(1).from, month(12).to]);
      }),
      { numRuns: 200 },
    );
  });

  it('S is local midnight; E is the midnight after, or now for a period not yet ended', () => {
    const offset = 7 * 3_600_000;
    const p = parsePeriod('2026-10')!;
    const ended = periodInstants(p, offset, Date.parse('2026-11-22T10:00:00+07:00'));
    assert.equal(new Date(ended.start).toISOString(), '2026-09-30T17:00:00.000Z');
    assert.equal(new Date(ended.end).toISOString(), '2026-10-31T17:00:00.000Z');
    assert.equal(ended.ended, true);
    const now = Date.parse('2026-11-22T10:00:00+07:00');
    const running = periodInstants(parsePeriod('2026-11')!, offset, now);
    assert.deepEqual([running.end, running.ended], [now, false]);
  });

  it('lists months for a trend', () => {
    assert.deepEqual(monthsBetween('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
    assert.equal(isoDate(dayNumber(2026, 1, 1)), '2026-01-01');
  });
});
