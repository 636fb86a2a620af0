/**
 * Working-time engine throughput (issue 3): deadlines per second for `working_days` budgets of
 * 1–60 days and `working_hours` budgets of 1–200 hours over random instants in 2024–2030, beside a
 * naive day-by-day / minute-by-minute reference in the same process, which must agree on every
 * sampled case. Also the time to build one year's calendar.
 *
 *   npx tsx scripts/bench/calendar.ts [fastOps=2000000] [naiveOps=2000]
 *
 * Targets: ≥ 1,000,000 working_days/s, ≥ 300,000 working_hours/s, ≥ 20× the reference, year < 5 ms.
 */
import { computeDeadline, type Budget } from '../../src/modules/calendar/deadline.js';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../../src/modules/calendar/working-time.js';
import { NaiveCalendar } from '../../test/support/naive-calendar.js';

const fastOps = Number(process.argv[2] ?? 2_000_000);
const naiveOps = Number(process.argv[3] ?? 2_000);
const overrides = (year: number) =>
  ({
    2024: { daysOff: [{ date: '2024-04-29', reason: 'swap' }], workingDays: [{ date: '2024-05-04', reason: 'swap' }] },
    2025: { daysOff: [{ date: '2025-05-02', reason: 'swap' }], workingDays: [{ date: '2025-04-26', reason: 'swap' }] },
    2026: { daysOff: [{ date: '2026-08-31', reason: 'swap' }], workingDays: [{ date: '2026-08-22', reason: 'swap' }] },
  })[year] ?? { daysOff: [], workingDays: [] };

// Deterministic inputs (mulberry32), minute-aligned so the minute-walking reference is exact.
let seed = 20261122;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const from = Date.UTC(2024, 0, 1);
const span = Date.UTC(2030, 11, 31) - from;
const N = 1 << 16;
const instants = Float64Array.from({ length: N }, () => Math.floor((from + random() * span) / 60_000) * 60_000);
const dayBudgets = Int32Array.from({ length: N }, () => 1 + Math.floor(random() * 60));
const hourBudgets = Int32Array.from({ length: N }, () => 1 + Math.floor(random() * 200));

const calendar = new WorkingCalendar(DEFAULT_CALENDAR, overrides);
const naive = new NaiveCalendar(calendar);

function rate(ops: number, run: (i: number) => number): number {
  let checksum = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) checksum += run(i & (N - 1));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (checksum === 42) console.log('');
  return ops / seconds;
}

const days = (i: number): Budget => ({ value: dayBudgets[i]!, unit: 'working_days' });
const hours = (i: number): Budget => ({ value: hourBudgets[i]!, unit: 'working_hours' });

// Agreement on every sampled case first (also warms both up).
for (let i = 0; i < naiveOps; i++) {
  const t = instants[i]!;
  const fastDays = computeDeadline(calendar, t, days(i)).dueAt;
  const fastHours = computeDeadline(calendar, t, hours(i)).dueAt;
  if (
    fastDays !== naive.workingDays(t, dayBudgets[i]!) ||
    fastHours !== naive.workingMinutes(t, hourBudgets[i]! * 60)
  ) {
    throw new Error(`disagreement at ${new Date(t).toISOString()} (${dayBudgets[i]} days / ${hourBudgets[i]} hours)`);
  }
}
rate(200_000, (i) => computeDeadline(calendar, instants[i]!, days(i)).dueAt);
rate(200_000, (i) => computeDeadline(calendar, instants[i]!, hours(i)).dueAt);

const fastDaysRate = rate(fastOps, (i) => computeDeadline(calendar, instants[i]!, days(i)).dueAt);
const fastHoursRate = rate(fastOps, (i) => computeDeadline(calendar, instants[i]!, hours(i)).dueAt);
const naiveDaysRate = rate(naiveOps, (i) => naive.workingDays(instants[i]!, dayBudgets[i]!));
const naiveHoursRate = rate(Math.max(200, naiveOps / 10), (i) =>
  naive.workingMinutes(instants[i]!, hourBudgets[i]! * 60),
);

const builds: number[] = [];
for (let round = 0; round < 20; round++) {
  const fresh = new WorkingCalendar(DEFAULT_CALENDAR, overrides);
  const start = process.hrtime.bigint();
  for (let year = 2024; year <= 2030; year++) fresh.yearData(year);
  builds.push(Number(process.hrtime.bigint() - start) / 1e6 / 7);
}
builds.sort((a, b) => a - b);

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(`agreement with the naive reference: ${naiveOps} of ${naiveOps} sampled cases (both units)`);
console.log(
  `working_days  1–60:  engine ${fmt(fastDaysRate)}/s, naive ${fmt(naiveDaysRate)}/s, ratio ${(fastDaysRate / naiveDaysRate).toFixed(0)}× (targets ≥ 1,000,000/s, ≥ 20×)`,
);
console.log(
  `working_hours 1–200: engine ${fmt(fastHoursRate)}/s, naive ${fmt(naiveHoursRate)}/s, ratio ${(fastHoursRate / naiveHoursRate).toFixed(0)}× (targets ≥ 300,000/s, ≥ 20×)`,
);
console.log(
  `building one year's calendar: median ${builds[10]!.toFixed(2)} ms, max ${builds[19]!.toFixed(2)} ms (target < 5 ms)`,
);
