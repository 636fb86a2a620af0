/**
 * Statistics on real PostgreSQL (issue 5), after `scripts/seed-volume.ts` (1,000,000 dossiers,
 * 100 agencies, two years): the product's live query for one agency-month and for all agencies in a
 * month, each beside a bare SQL GROUP BY counting the same categories (no transfer attribution, no
 * deadline-as-of-E, no ratings: the lower bound), alternated in the same run. Target: ≤ 2×.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/stats.ts [rounds=5] [period=2026-10]
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { parsePeriod, periodInstants } from '../../src/modules/stats/periods.js';
import { countByAgency } from '../../src/modules/stats/stats.repository.js';

const rounds = Number(process.argv[2] ?? 5);
const period = parsePeriod(process.argv[3] ?? '2026-10')!;
const config = loadConfig();
if (!config.databaseUrl) throw new Error('needs DATABASE_URL');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: '', poolMax: 2 });
const { db } = database;
const { start, end } = periodInstants(period, 7 * 3_600_000, Date.now());
const S = new Date(start);
const E = new Date(end);
const [{ agency }] = (await queryRows<{ agency: string }>(
  db,
  sql`select agency_id as agency from dossiers group by 1 order by count(*) desc limit 1`,
)) as [{ agency: string }];

function bare(agencyId?: string) {
  const s = sql`${S.toISOString()}::timestamptz`;
  const e = sql`${E.toISOString()}::timestamptz`;
  const local = (c: string) => sql.raw(`(${c} at time zone 'Asia/Ho_Chi_Minh')::date`);
  return queryRows(
    db,
    sql`
    select agency_id,
      count(*) filter (where received_at >= ${s} and channel = 'online'), count(*) filter (where received_at >= ${s} and channel <> 'online'),
      count(*) filter (where received_at < ${s}),
      count(*) filter (where finished_at < ${e} and finished_at <= due_at and ${local('finished_at')} < ${local('due_at')}),
      count(*) filter (where finished_at < ${e} and finished_at <= due_at and ${local('finished_at')} >= ${local('due_at')}),
      count(*) filter (where finished_at < ${e} and finished_at > due_at), count(*) filter (where withdrawn_at < ${e}),
      count(*) filter (where coalesce(finished_at, withdrawn_at) is null or coalesce(finished_at, withdrawn_at) >= ${e}) filter_open
    from dossiers where received_at < ${e} and (coalesce(finished_at, withdrawn_at) is null or coalesce(finished_at, withdrawn_at) >= ${s})
      ${agencyId ? sql`and agency_id = ${agencyId}` : sql``}
    group by agency_id`,
  );
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const results: Record<string, number[]> = { oneBare: [], oneProduct: [], allBare: [], allProduct: [] };
await bare(agency);
await countByAgency(db, { start: S, end: E, timeZone: 'Asia/Ho_Chi_Minh', agencyIds: [agency] }); // warm-up
for (let i = 0; i < rounds; i++) {
  results.oneBare!.push(await time(() => bare(agency)));
  results.oneProduct!.push(
    await time(() => countByAgency(db, { start: S, end: E, timeZone: 'Asia/Ho_Chi_Minh', agencyIds: [agency] })),
  );
  results.allBare!.push(await time(() => bare()));
  results.allProduct!.push(await time(() => countByAgency(db, { start: S, end: E, timeZone: 'Asia/Ho_Chi_Minh' })));
}
const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from dossiers`);
console.log(
  `dossiers: ${count!.n.toLocaleString('en-US')}; period ${period.label} (${period.from}..${period.to}); median of ${rounds} rounds`,
);
console.log(
  `one agency-month: product ${median(results.oneProduct!).toFixed(1)} ms, bare GROUP BY ${median(results.oneBare!).toFixed(1)} ms, ratio ${(median(results.oneProduct!) / median(results.oneBare!)).toFixed(2)} (target ≤ 2)`,
);
console.log(
  `all agencies, month: product ${median(results.allProduct!).toFixed(1)} ms, bare GROUP BY ${median(results.allBare!).toFixed(1)} ms, ratio ${(median(results.allProduct!) / median(results.allBare!)).toFixed(2)} (target ≤ 2)`,
);
await database.close();
