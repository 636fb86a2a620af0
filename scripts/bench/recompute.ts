/**
 * Deadline recomputation after a calendar change (domain B2; issue 9 item 8), on the seeded volume
 * (`scripts/seed-volume.ts`): a new national day off inside the open dossiers' deadlines, then the
 * set-based job over every open dossier, through the write path (batches of 500, one transaction
 * each, an event per changed dossier). Baseline in the same run: one plain SQL UPDATE that rewrites
 * the same rows once (the physical floor of touching them), rolled back.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/recompute.ts
 *
 * The day off is removed again afterwards and the job run once more, so the seeded data is left as
 * it was (deadlines equal, one more `deadline_recomputed` event pair on the dossiers it touched).
 */
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';

const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'silent',
  JOBS_ENABLED: '0',
  JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
});
if (!config.databaseUrl) throw new Error('needs DATABASE_URL');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: 'memory://', poolMax: 4 });
await database.migrate();
const { db } = database;
const { services } = createApp({ config, database, logger: pino({ level: 'silent' }) });

const OPEN = sql.raw(`status in ('received', 'processing', 'awaiting_supplement', 'paused')`);
const [counts] = await queryRows<{ open: number; due: string }>(
  db,
  sql`
  select count(*)::int as open, percentile_disc(0.5) within group (order by due_at)::text as due from dossiers where ${OPEN}`,
);
const { open, due } = counts!;
// A day off inside the median open deadline's week moves roughly half of the open deadlines.
const dayOff = due.slice(0, 10);
const year = Number(dayOff.slice(0, 4));

const started = performance.now();
await db
  .transaction(async (tx) => {
    await tx.execute(sql`update dossiers set version = version + 1, updated_at = now() where ${OPEN}`);
    tx.rollback();
  })
  .catch((error: unknown) => {
    if (!String(error).includes('Rollback')) throw error;
  });
const baselineMs = performance.now() - started;

await db.execute(
  sql`insert into calendar_overrides (agency_id, year, date, kind, reason) values (null, ${year}, ${dayOff}, 'day_off', 'bench')`,
);
const t0 = performance.now();
const result = await services.dossiers.recomputeDeadlines({ agencyId: null, year });
const jobMs = performance.now() - t0;

await db.execute(sql`delete from calendar_overrides where reason = 'bench' and date = ${dayOff}`);
await services.dossiers.recomputeDeadlines({ agencyId: null, year });
await database.close();

const perSecond = result.scanned / (jobMs / 1000);
console.log(`open dossiers: ${open}; day off ${dayOff}: scanned ${result.scanned}, changed ${result.changed}`);
console.log(`baseline (one SQL UPDATE of the same rows, rolled back): ${(baselineMs / 1000).toFixed(1)} s`);
console.log(
  `recompute job: ${(jobMs / 1000).toFixed(1)} s, ${perSecond.toFixed(0)} dossiers/s, ratio ${(baselineMs / jobMs).toFixed(2)} of the baseline`,
);
console.log(
  `at this rate 1,000,000 open dossiers take ${(1_000_000 / perSecond / 60).toFixed(1)} min (target: minutes)`,
);
