import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { lunarToSolar, solarToLunar } from '../../../src/modules/calendar/lunar.js';

const iso = (d: [number, number, number] | undefined) =>
  d && `${d[2]}-${String(d[1]).padStart(2, '0')}-${String(d[0]).padStart(2, '0')}`;

describe('calendar: lunar (Vietnamese, UTC+7)', () => {
  // domain A7
  const tet: Record<number, string> = {
    1985: '1985-01-21',
    2007: '2007-02-17',
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
    2028: '2028-01-26',
    2029: '2029-02-13',
    2030: '2030-02-02',
  };
  const hungKings: Record<number, string> = {
    2023: '2023-04-29',
    2024: '2024-04-18',
    2025: '2025-04-07',
    2026: '2026-04-26',
    2027: '2027-04-16',
  };

  for (const [year, date] of Object.entries(tet)) {
    it(`Tết ${year} is ${date}`, () => {
      assert.equal(iso(lunarToSolar({ day: 1, month: 1, year: Number(year), leap: false })), date);
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      assert.deepEqual(solarToLunar(d, m, y), { day: 1, month: 1, year: Number(year), leap: false });
    });
  }

  for (const [year, date] of Object.entries(hungKings)) {
    it(`Giỗ Tổ (10/3 lunar) ${year} is ${date}`, () => {
      assert.equal(iso(lunarToSolar({ day: 10, month: 3, year: Number(year), leap: false })), date);
    });
  }

  it('differs from the Chinese calendar (UTC+8) for Tết 2030', () => {
    assert.equal(iso(lunarToSolar({ day: 1, month: 1, year: 2030, leap: false }, 8)), '2030-02-03');
  });

  it('knows leap months: 2023 has a leap 2nd month, 2025 a leap 6th', () => {
    assert.deepEqual(solarToLunar(22, 3, 2023), { day: 1, month: 2, year: 2023, leap: true });
    assert.equal(iso(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })), '2025-07-25');
    assert.equal(lunarToSolar({ day: 1, month: 6, year: 2024, leap: true }), undefined, 'no leap month in 2024');
  });

  it('round-trips every single day from 1900 to 2100, with lunar days 1–30 that follow each other', () => {
    let previous = solarToLunar(31, 1, 1900);
    for (let dn = Date.UTC(1900, 1, 1) / 86_400_000; dn <= Date.UTC(2100, 10, 30) / 86_400_000; dn++) {
      const date = new Date(dn * 86_400_000);
      const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      const lunar = solarToLunar(d, m, y);
      assert.ok(lunar.day >= 1 && lunar.day <= 30, `${y}-${m}-${d}: lunar day ${lunar.day}`);
      assert.ok(
        lunar.day === previous.day + 1 || (lunar.day === 1 && previous.day >= 29),
        `${y}-${m}-${d} follows ${JSON.stringify(previous)}`,
      );
      assert.deepEqual(lunarToSolar(lunar), [d, m, y], `${y}-${m}-${d}`);
      previous = lunar;
    }
  });

  it('(property) random days convert and come back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1800, 0, 1) / 86_400_000, max: Date.UTC(2199, 11, 1) / 86_400_000 }),
        (dn) => {
          const date = new Date(dn * 86_400_000);
          const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          assert.deepEqual(lunarToSolar(solarToLunar(d, m, y)), [d, m, y]);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
