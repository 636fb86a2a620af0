/**
 * One full nightly statistics run (issue 5): every agency, the refreshed periods (previous, current
 * and next month; previous and current quarter and year) in both windows, written as snapshots, on
 * the volume seed. Target: under 60 seconds. Also times a bare full-table scan as a same-run baseline.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/nightly.ts [asOf=2026-10-20T00:30:00+07:00]
 */
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { statsSnapshotJob } from '../../src/jobs/stats-snapshots.job.js';
import { createServices } from '../../src/app.js';

const asOf = new Date(process.argv[2] ?? '2026-10-20T00:30:00+07:00');
const config = loadConfig();
if (!config.databaseUrl) throw new Error('needs DATABASE_URL');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: '', poolMax: 2 });
await database.migrate();
// The snapshot function the application schedules (B4/B5 counts and the digitisation counts).
const { stats } = createServices({ config, database, logger: pino({ level: 'silent' }) });
const job = statsSnapshotJob('30 0 * * *', (tx, at) => stats.snapshot(tx, at));
const scheduler = createScheduler(database.db, systemClock, pino({ level: 'silent' }), 'Asia/Ho_Chi_Minh', [job]);
let t = Date.now();
await database.db.execute(sql`select count(*) from dossiers`);
const scan = Date.now() - t;
t = Date.now();
const run = await scheduler.runNow(job, asOf);
const seconds = (Date.now() - t) / 1000;
console.log(
  `nightly run as of ${asOf.toISOString()}: ${run.status} in ${seconds.toFixed(1)} s (target < 60 s); ${JSON.stringify(run.detail)}; one count(*) scan: ${scan} ms`,
);
await database.close();
