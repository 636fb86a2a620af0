/**
 * Every statistics count (domain B4, B5) of every agency, and of every procedure, for the months,
 * quarters and year of the seeded data in both windows, as one JSON document on stdout. Run it at
 * two commits over the same database and diff the outputs: the issue-8 check that a redesign left
 * the figures unchanged ("statistics figures identical on the seeded million before/after").
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/verify/stats-dump.ts [asOf=2026-11-20T00:30:00+07:00] > figures.json
 *
 * Only the counts are printed (rates are derived from them), so a change in how a rate is rounded or
 * shown does not hide or fake a difference. Read-only: it writes nothing.
 */
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { zoneOffsetMs } from '../../src/modules/calendar/working-time.js';
import { parsePeriod, periodInstants, type Period, type Window } from '../../src/modules/stats/periods.js';
import { countByAgency, type AgencyCounts } from '../../src/modules/stats/stats.repository.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const asOf = new Date(process.argv[2] ?? '2026-11-20T00:30:00+07:00');
const year = Number(asOf.toISOString().slice(0, 4));
const config = loadConfig();
if (!config.databaseUrl) throw new Error('needs DATABASE_URL');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: '', poolMax: 2 });

const labels = [
  ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
  ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
  `${year}`,
];
const sorted = (rows: object[]): object[] =>
  rows
    .map((r) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const out: Record<string, unknown> = {};
for (const window of ['calendar', 'report'] as Window[]) {
  for (const label of labels) {
    const period = parsePeriod(label, window) as Period;
    const { start, end } = periodInstants(period, zoneOffsetMs(timeZone, asOf.getTime()), asOf.getTime());
    if (start >= asOf.getTime()) continue;
    const q = { start: new Date(start), end: new Date(end), timeZone };
    // The count columns both versions have; anything a later version added is left out of the diff.
    const keep = ({ rated: _rated, ...counts }: AgencyCounts) => counts;
    out[`${window} ${label} agencies`] = sorted((await countByAgency(database.db, q)).map(keep));
    out[`${window} ${label} procedures`] = sorted(
      (await countByAgency(database.db, { ...q, byProcedure: true })).map(keep),
    );
    process.stderr.write(`${window} ${label}\n`);
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
await database.close();
