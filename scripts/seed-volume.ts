/**
 * Seeds a large, realistic volume of dossiers for benchmarks, on a real PostgreSQL server:
 * a province with N departments, a few procedures, and dossiers spread over a period, each with its
 * deadline computed by the real working-time engine, a receipt event and a first step. A share is
 * finished (early, on time or late), some withdrawn, the rest open (some paused).
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/seed-volume.ts [dossiers=1000000] [agencies=100] [from=2025-01-01] [to=2026-10-31]
 *
 * Seeded dossiers have the phone 09xxxxxxxx whose last four digits are printed per agency sample;
 * public lookups in the benchmark use `phone4`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { agencies, procedures } from '../src/db/schema/index.js';
import { isoDate } from '../src/modules/calendar/civil.js';
import { computeDeadline, type Budget } from '../src/modules/calendar/deadline.js';
import { DEFAULT_CALENDAR, WorkingCalendar } from '../src/modules/calendar/working-time.js';
import { defaultSteps } from '../src/modules/procedures/procedure.service.js';

const [total = 1_000_000, agencyCount = 100] = process.argv.slice(2, 4).map(Number);
const from = Date.parse(`${process.argv[4] ?? '2025-01-01'}T00:00:00+07:00`);
const to = Date.parse(`${process.argv[5] ?? '2026-10-31'}T23:59:59+07:00`);
const config = loadConfig();
if (!config.databaseUrl) throw new Error('seed-volume needs DATABASE_URL (a real PostgreSQL server)');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: '', poolMax: 4 });
await database.migrate();
const { db } = database;

let seed = 42;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

function progress(done: number, all: number, started: number): void {
  const width = 40;
  const filled = Math.round((done / all) * width);
  const rate = done / ((Date.now() - started) / 1000);
  process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')}/${all.toLocaleString('en-US')} ${Math.round(rate).toLocaleString('en-US')}/s`);
}

const run = Date.now().toString(36).slice(-4).toUpperCase();
const [province] = await db.insert(agencies).values({
  name: `Tỉnh đo tải ${run}`, electronicId: `${900 + Math.floor(Math.random() * 99)}.00.00.Y${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
  level: 'province', activeFrom: '2020-01-01',
}).returning();
const departmentIds: string[] = [];
const electronicIds: string[] = [];
for (let i = 0; i < agencyCount; i++) {
  const electronicId = `${String(900 + Math.floor(Math.random() * 99)).padStart(3, '0')}.${String(i % 100).padStart(2, '0')}.${String(Math.floor(i / 100)).padStart(2, '0')}.X${String(Math.floor(random() * 100)).padStart(2, '0')}`;
  const [row] = await db.insert(agencies).values({ name: `Sở đo tải ${i + 1}`, electronicId, level: 'department', parentId: province!.id, activeFrom: '2020-01-01' })
    .onConflictDoNothing().returning();
  if (!row) { i--; continue; }
  departmentIds.push(row.id);
  electronicIds.push(electronicId);
}
const budgets: Budget[] = [{ value: 3, unit: 'working_days' }, { value: 10, unit: 'working_days' }, { value: 8, unit: 'working_hours' }, { value: 0, unit: 'same_day', cutoff: '15:00' }];
const procedureIds: string[] = [];
for (const [i, budget] of budgets.entries()) {
  const [row] = await db.insert(procedures).values({
    code: `VOL.${run}.${i}`, name: `Thủ tục đo tải ${i}`, field: i % 2 ? 'Đất đai' : 'Hộ tịch', budgetValue: budget.value, budgetUnit: budget.unit,
    cutoff: budget.cutoff ?? null, steps: defaultSteps(budget),
  }).returning();
  procedureIds.push(row!.id);
}

const calendar = new WorkingCalendar(DEFAULT_CALENDAR);
const sequence = new Map<string, number>();
const BATCH = 10_000;
const started = Date.now();
const now = Date.now();
for (let done = 0; done < total; done += BATCH) {
  const n = Math.min(BATCH, total - done);
  const cols: Record<string, unknown[]> = {
    id: [], code: [], agency: [], procedure: [], channel: [], name: [], phone4: [], budget: [], status: [], received: [], clock: [], due: [],
    finished: [], outcome: [], withdrawn: [], paused: [], supplements: [], pin: [], stepName: [], stepDue: [],
  };
  for (let k = 0; k < n; k++) {
    const a = Math.floor(random() * departmentIds.length);
    const p = Math.floor(random() * budgets.length);
    const receivedAt = from + Math.floor(random() * (to - from));
    const { clockStart, dueAt } = computeDeadline(calendar, receivedAt, budgets[p]!);
    const day = isoDate(calendar.localDay(receivedAt));
    const key = `${a}:${day}`;
    const seq = (sequence.get(key) ?? 0) + 1;
    sequence.set(key, seq);
    const id = randomUUID();
    const roll = random();
    const finishedAt = roll < 0.72 ? Math.min(now, clockStart + Math.floor(random() * (dueAt - clockStart) * 1.3)) : null;
    const withdrawnAt = roll >= 0.72 && roll < 0.76 ? Math.min(now, receivedAt + 86_400_000) : null;
    const open = finishedAt === null && withdrawnAt === null;
    const status = finishedAt ? (random() < 0.8 ? 'returned' : 'decided') : withdrawnAt ? 'withdrawn' : random() < 0.1 ? 'awaiting_supplement' : 'processing';
    const phone4 = String(Math.floor(random() * 10000)).padStart(4, '0');
    cols.id!.push(id);
    cols.code!.push(`${electronicIds[a]}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(4, '0')}`);
    cols.agency!.push(departmentIds[a]);
    cols.procedure!.push(procedureIds[p]);
    cols.channel!.push(random() < 0.45 ? 'online' : random() < 0.9 ? 'direct' : 'postal');
    cols.name!.push(`Công dân ${done + k}`);
    cols.phone4!.push(phone4);
    cols.budget!.push(JSON.stringify(budgets[p]));
    cols.status!.push(status);
    cols.received!.push(new Date(receivedAt).toISOString());
    cols.clock!.push(new Date(clockStart).toISOString());
    cols.due!.push(new Date(dueAt).toISOString());
    cols.finished!.push(finishedAt ? new Date(finishedAt).toISOString() : null);
    cols.outcome!.push(finishedAt ? 'approved' : null);
    cols.withdrawn!.push(withdrawnAt ? new Date(withdrawnAt).toISOString() : null);
    cols.paused!.push(open && status === 'awaiting_supplement' ? new Date(Math.min(now, receivedAt + 3_600_000)).toISOString() : null);
    cols.supplements!.push(status === 'awaiting_supplement' ? 1 : 0);
    cols.pin!.push(createHash('sha256').update(`${id}:SEEDED`).digest('hex'));
    cols.stepName!.push('Thẩm định hồ sơ');
    cols.stepDue!.push(new Date(dueAt).toISOString());
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into dossiers (id, code, agency_id, initial_agency_id, receiving_agency_id, procedure_id, channel, applicant, applicant_name, phone_last4, budget,
        supplement_policy, status, received_at, clock_start_at, due_at, finished_at, outcome, withdrawn_at, paused_since, paused_from_status,
        supplement_count, lookup_pin_hash, returned_at)
      select id, code, agency, agency, agency, procedure, channel, jsonb_build_object('name', name, 'phone', '09000' || phone4), name, phone4, budget::jsonb,
        'pause', status, received, clock, due, finished, outcome, withdrawn, paused, case when paused is null then null else 'processing' end,
        supplements, pin, case when status = 'returned' then finished + interval '1 day' end
      from unnest(${sql.param(cols.id)}::uuid[], ${sql.param(cols.code)}::text[], ${sql.param(cols.agency)}::uuid[], ${sql.param(cols.procedure)}::uuid[], ${sql.param(cols.channel)}::text[],
        ${sql.param(cols.name)}::text[], ${sql.param(cols.phone4)}::text[], ${sql.param(cols.budget)}::text[], ${sql.param(cols.status)}::text[], ${sql.param(cols.received)}::timestamptz[],
        ${sql.param(cols.clock)}::timestamptz[], ${sql.param(cols.due)}::timestamptz[], ${sql.param(cols.finished)}::timestamptz[], ${sql.param(cols.outcome)}::text[],
        ${sql.param(cols.withdrawn)}::timestamptz[], ${sql.param(cols.paused)}::timestamptz[], ${sql.param(cols.supplements)}::int[], ${sql.param(cols.pin)}::text[])
        as t(id, code, agency, procedure, channel, name, phone4, budget, status, received, clock, due, finished, outcome, withdrawn, paused, supplements, pin)`);
    await tx.execute(sql`
      insert into dossier_events (dossier_id, seq, type, at, to_status, data)
      select id, 1, 'received', received, 'received', '{}'::jsonb from unnest(${sql.param(cols.id)}::uuid[], ${sql.param(cols.received)}::timestamptz[]) as t(id, received)`);
    await tx.execute(sql`
      insert into dossier_steps (dossier_id, seq, name, role, agency_id, started_at, due_at, finished_at, classification)
      select id, 1, step_name, 'officer', agency, clock, due, coalesce(finished, withdrawn),
        case when finished is null then null when finished > due then 'late' else 'on_time' end
      from unnest(${sql.param(cols.id)}::uuid[], ${sql.param(cols.stepName)}::text[], ${sql.param(cols.agency)}::uuid[], ${sql.param(cols.clock)}::timestamptz[], ${sql.param(cols.due)}::timestamptz[],
        ${sql.param(cols.finished)}::timestamptz[], ${sql.param(cols.withdrawn)}::timestamptz[]) as t(id, step_name, agency, clock, due, finished, withdrawn)`);
  });
  progress(done + n, total, started);
}
await db.execute(sql`insert into daily_counters (agency_id, day, last_seq)
  select agency_id, to_date(split_part(code, '-', 2), 'YYMMDD'), max(split_part(code, '-', 3)::int) from dossiers
  where agency_id in (select id from agencies where parent_id = ${province!.id}) group by 1, 2
  on conflict (agency_id, day) do update set last_seq = greatest(daily_counters.last_seq, excluded.last_seq)`);
await db.execute(sql`analyze`);
process.stdout.write(`\nseeded ${total.toLocaleString('en-US')} dossiers over ${departmentIds.length} agencies in ${((Date.now() - started) / 1000).toFixed(0)} s; province ${province!.id}\n`);
await database.close();
