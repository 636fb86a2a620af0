/**
 * Seeds a country's volume of dossiers for benchmarks on a real PostgreSQL server (issue 14):
 * `provinces` provinces, each with its one-stop centre, departments and communes (two-level local
 * government, domain A1), and dossiers received in time order over the period, each with its events,
 * control-slip steps, pauses and some ratings (see seed-volume/rows.ts).
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/seed-volume.ts [total=10000000] [provinces=34] [departments=8] [communes=12]
 *     [from=2024-11-01] [to=2026-10-31] [run=vol] [batch=5000] [indexes=defer|keep]
 *
 * `indexes=defer` (the default) drops the secondary indexes of the dossier tables (those that back no
 * constraint) for the load and builds them again at the end: one sorted build per index instead of
 * millions of random inserts (the GIN word index above all). Their definitions are saved with the run,
 * so an interrupted run resumes without them and rebuilds them when it finishes; until then the
 * database answers correctly but lists, search and statistics are slow. Unique keys stay throughout.
 *
 * Resumable: the run's catalogue, position and generator state are saved in `seed_volume_runs` in
 * the same transaction as each batch, so after an interruption the same command continues where
 * the last committed batch ended. Rows go in with COPY; ids are time-ordered so primary keys append.
 * Public lookups in benchmarks use `phone4` (last four digits of the seeded phone).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { queryRows } from '../src/db/rows.js';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../src/modules/calendar/working-time.js';
import { createCatalog, type SeedAgency, type SeedProcedure } from './seed-volume/catalog.js';
import { addDossier, orderedIds, Rng, tables, type RowContext } from './seed-volume/rows.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const total = Number(args.total ?? 10_000_000);
const shape = {
  provinces: Number(args.provinces ?? 34),
  departments: Number(args.departments ?? 8),
  communes: Number(args.communes ?? 12),
};
const from = Date.parse(`${args.from ?? '2024-11-01'}T00:00:00+07:00`);
const to = Date.parse(`${args.to ?? '2026-10-31'}T23:59:59+07:00`);
const runName = args.run ?? 'vol';
const batch = Number(args.batch ?? 5000);
const deferIndexes = (args.indexes ?? 'defer') === 'defer';
const DOSSIER_TABLES = ['dossiers', 'dossier_events', 'dossier_steps', 'dossier_pauses', 'ratings'];

const config = loadConfig();
if (!config.databaseUrl) throw new Error('seed-volume needs DATABASE_URL (a real PostgreSQL server)');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: '', poolMax: 2 });
await database.migrate();
const { db } = database;
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });

interface RunState {
  done: number;
  rng: number;
  agencies: SeedAgency[];
  procedures: SeedProcedure[];
  total: number;
}

await db.execute(sql`create table if not exists seed_volume_runs (
  run text primary key, total bigint not null, done bigint not null, rng double precision not null,
  agencies jsonb not null, procedures jsonb not null, finished_at timestamptz)`);
await db.execute(sql`alter table seed_volume_runs add column if not exists deferred_indexes jsonb`);
const [saved] = await queryRows<RunState>(
  db,
  sql`select done::float8 as done, rng, agencies, procedures, total::float8 as total
  from seed_volume_runs where run = ${runName}`,
);
let state: RunState;
if (saved) {
  if (saved.total !== total)
    throw new Error(`run ${runName} was started with total=${saved.total}; pass the same total or another run=`);
  state = saved;
  process.stdout.write(
    `resuming run ${runName} at ${saved.done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}\n`,
  );
} else {
  const tag = (Date.now() % 1296).toString(36).toUpperCase().padStart(2, '0');
  const catalog = await createCatalog(db, tag, shape);
  state = { done: 0, rng: 42, total, ...catalog };
  await db.execute(sql`insert into seed_volume_runs (run, total, done, rng, agencies, procedures)
    values (${runName}, ${total}, 0, 42, ${JSON.stringify(catalog.agencies)}::jsonb, ${JSON.stringify(catalog.procedures)}::jsonb)`);
}

// Secondary indexes out of the way for the load (their definitions saved with the run, in the same
// transaction as the drop); a resumed run finds them saved and already dropped.
if (deferIndexes && state.done < total) {
  await db.transaction(async (tx) => {
    const [run] = await queryRows<{ saved: string[] | null }>(
      tx,
      sql`select deferred_indexes as saved from seed_volume_runs where run = ${runName} for update`,
    );
    const indexes = await queryRows<{ name: string; definition: string }>(
      tx,
      sql`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class t on t.oid = i.indrelid
      where t.relname in ${DOSSIER_TABLES} and t.relnamespace = 'public'::regnamespace
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    );
    if (indexes.length === 0) return;
    const saved = [...(run?.saved ?? []), ...indexes.map((i) => i.definition)];
    await tx.execute(
      sql`update seed_volume_runs set deferred_indexes = ${JSON.stringify(saved)}::jsonb where run = ${runName}`,
    );
    for (const i of indexes) await tx.execute(sql.raw(`drop index ${i.name}`));
    process.stdout.write(`deferred ${indexes.length} secondary indexes until the load ends\n`);
  });
}

const byLevel = {
  department: state.agencies.filter((a) => a.level === 'department'),
  commune: state.agencies.filter((a) => a.level === 'commune'),
};
// Big provinces receive more: a province's weight falls with its rank (a city takes ~10× a small province).
const weights = Array.from({ length: shape.provinces }, (_, p) => 1 / (1 + p * 0.3));
const weightSum = weights.reduce((a, b) => a + b, 0);
function pickProvince(r: number): number {
  let x = r * weightSum;
  for (const [p, w] of weights.entries()) if ((x -= w) < 0) return p;
  return shape.provinces - 1;
}
const byProvince = (level: 'department' | 'commune') => {
  const out: SeedAgency[][] = Array.from({ length: shape.provinces }, () => []);
  for (const a of byLevel[level]) out[a.province]!.push(a);
  return out;
};
const proceduresOf = {
  department: state.procedures.filter((p) => p.level === 'department'),
  commune: state.procedures.filter((p) => p.level === 'commune'),
};
const agenciesOf = { department: byProvince('department'), commune: byProvince('commune') };

// Daily sequences (domain B6): on resume, rebuilt from the codes of the last two days written.
const sequence = new Map<string, number>();
if (state.done > 0) {
  const since = new Date(from + ((state.done - 1) / total) * (to - from) - 2 * 86_400_000);
  const rows = await queryRows<{ agencyId: string; day: string; seq: number }>(
    db,
    sql`
    select agency_id as "agencyId", split_part(code, '-', 2) as day, max(split_part(code, '-', 3)::int) as seq from dossiers
    where received_at >= ${since} and agency_id = any(${sql.param(state.agencies.map((a) => a.id))}::uuid[]) group by 1, 2`,
  );
  for (const r of rows)
    sequence.set(`${r.agencyId}:20${r.day.slice(0, 2)}-${r.day.slice(2, 4)}-${r.day.slice(4, 6)}`, r.seq);
}

const rng = new Rng(state.rng);
const ctx: RowContext = {
  rng,
  id: orderedIds(rng),
  calendar: new WorkingCalendar(DEFAULT_CALENDAR),
  now: Date.now(),
  nextSeq(agencyId, day) {
    const key = `${agencyId}:${day}`;
    const seq = (sequence.get(key) ?? 0) + 1;
    sequence.set(key, seq);
    return seq;
  },
};

function progress(done: number, startedAt: number, startDone: number): void {
  const width = 40;
  const filled = Math.round((done / total) * width);
  const rate = (done - startDone) / Math.max(0.001, (Date.now() - startedAt) / 1000);
  const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
  process.stdout.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}` +
      ` ${Math.round(rate).toLocaleString('en-US')}/s ETA ${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, '0')}s  `,
  );
}

const startedAt = Date.now();
const startDone = state.done;
const span = to - from;
while (state.done < total) {
  const n = Math.min(batch, total - state.done);
  const out = tables();
  for (let k = 0; k < n; k++) {
    const i = state.done + k;
    const level = rng.next() < 0.55 ? 'commune' : 'department';
    const candidates = agenciesOf[level][pickProvince(rng.next())]!;
    const agency = candidates[Math.floor(rng.next() * candidates.length)]!;
    const procs = proceduresOf[level];
    const procedure = procs[Math.floor(rng.next() * procs.length)]!;
    addDossier(ctx, out, i, agency, procedure, from + Math.floor(((i + rng.next()) / total) * span));
  }
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (const t of [out.dossiers, out.events, out.steps, out.pauses, out.ratings]) await t.flush(client);
    await client.query('update seed_volume_runs set done = $2, rng = $3 where run = $1', [
      runName,
      state.done + n,
      rng.state,
    ]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  state.done += n;
  progress(state.done, startedAt, startDone);
}

const [deferred] = await queryRows<{ saved: string[] | null }>(
  db,
  sql`select deferred_indexes as saved from seed_volume_runs where run = ${runName}`,
);
for (const definition of deferred?.saved ?? []) {
  const t = Date.now();
  process.stdout.write(`\n${definition.replace(/ USING .*/, '')} …`);
  // `if not exists`: a run interrupted during the rebuild finds some indexes already there.
  await db.execute(sql.raw(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')));
  process.stdout.write(` ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
await db.execute(sql`update seed_volume_runs set deferred_indexes = null where run = ${runName}`);
await db.execute(sql`insert into daily_counters (agency_id, day, last_seq)
  select agency_id, to_date(split_part(code, '-', 2), 'YYMMDD'), max(split_part(code, '-', 3)::int) from dossiers
  where agency_id = any(${sql.param(state.agencies.map((a) => a.id))}::uuid[]) group by 1, 2
  on conflict (agency_id, day) do update set last_seq = greatest(daily_counters.last_seq, excluded.last_seq)`);
await db.execute(sql`update seed_volume_runs set finished_at = now() where run = ${runName}`);
await db.execute(sql`analyze`);
const seconds = (Date.now() - startedAt) / 1000;
process.stdout.write(
  `\nseeded ${total.toLocaleString('en-US')} dossiers over ${state.agencies.length} agencies` +
    ` (+ ${shape.provinces * 2} provinces and centres); this session ${(state.done - startDone).toLocaleString('en-US')} in ${seconds.toFixed(0)} s\n`,
);
await pool.end();
await database.close();
