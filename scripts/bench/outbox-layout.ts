/**
 * What an intake's messages cost the database, by the outbox's layout (issue 12, migration 0021), not a
 * test. Since migration 0022 the messages are written by the dispatcher's planning round, not the intake
 * (which records the event: statement-cache.ts); the statement and its cost are the same. Two scratch tables in the schema `bench_outbox_layout`, each filled first with `rows` messages:
 *   before — the layout up to migration 0020: random ids (`gen_random_uuid()`), a unique index on the key,
 *            an index on (dossier, created) and a foreign key to the dossiers;
 *   now    — the `outbox` table's layout (`LIKE outbox INCLUDING ALL`): UUIDv7 ids from the writer, one
 *            unique index on (dossier, event, channel), no foreign key.
 * Then `intakes` transactions each insert one intake's three messages (SMS, Zalo and the portal, as
 * `planMessages` makes them) into one table and then the other, alternating which goes first. Each intake
 * is a new dossier with a random (v4) id, as intakes made them when this was measured; they are UUIDv7 since
 * (lib/uuid7.ts), which spares the `now` layout's dossier index its random page too (its row, for the
 * foreign key, is written untimed).
 * One connection: the time is the statement's own work, with no lock waits.
 * Prints the median and mean time of the statement per intake for each, and the ratio now / before.
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/outbox-layout.ts [rows=300000] [intakes=3000]
 *   npx tsx scripts/bench/outbox-layout.ts [rows] [intakes]                    # embedded PGlite
 * (drops and recreates its schema; the application's tables are not touched)
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import type { outboxRows } from '../../src/modules/outbox/outbox.repository.js';
import { intakeMessages } from './outbox-fixture.js';

const rowCount = Number(process.argv[2] ?? 300_000);
const intakes = Number(process.argv[3] ?? 3000);
const base = loadConfig();
const database = openDatabase({ url: base.databaseUrl, pgliteDir: 'memory://', poolMax: 2 });
await database.migrate();
const { db } = database;

/** The rows for the layout before, whose ids come from `gen_random_uuid()`. */
const withoutIds = (rows: ReturnType<typeof outboxRows>) => rows.map(({ id: _id, ...rest }) => rest);

/** The messages' statement (outbox.repository `messagesInsert`) into `table`. */
function insertInto(table: 'before' | 'now', rows: object[]): SQL {
  const t = sql.raw(`bench_outbox_layout.${table}`);
  const json = JSON.stringify(rows);
  return table === 'now'
    ? sql`insert into ${t} (id, channel, recipient, template, payload, idempotency_key, dossier_id, event_seq,
          next_attempt_at, created_at)
        select m.id, m.channel, m.recipient, m.template, m.payload, m.idempotency_key, m.dossier_id, m.event_seq,
          now(), now()
        from jsonb_to_recordset(${json}::jsonb) as m(id uuid, channel text, recipient text, template text,
          payload jsonb, idempotency_key text, dossier_id uuid, event_seq integer)
        on conflict (dossier_id, event_seq, channel) do nothing`
    : sql`insert into ${t} (channel, recipient, template, payload, idempotency_key, dossier_id, event_seq,
          next_attempt_at, created_at)
        select m.channel, m.recipient, m.template, m.payload, m.idempotency_key, m.dossier_id, m.event_seq,
          now(), now()
        from jsonb_to_recordset(${json}::jsonb) as m(channel text, recipient text, template text,
          payload jsonb, idempotency_key text, dossier_id uuid, event_seq integer)
        on conflict (idempotency_key) do nothing`;
}

await db.execute(sql`drop schema if exists bench_outbox_layout cascade`);
await db.execute(sql`create schema bench_outbox_layout`);
await db.execute(sql`create table bench_outbox_layout.dossiers (id uuid primary key)`);
/** New dossiers (random v4 ids, as intakes made them until UUIDv7), written to the scratch dossiers table. */
async function newDossiers(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  await db.execute(
    sql`insert into bench_outbox_layout.dossiers select (x->>0)::uuid from jsonb_array_elements(${JSON.stringify(ids)}::jsonb) x`,
  );
  return ids;
}
await db.execute(sql`create table bench_outbox_layout.now (like outbox including all)`);
await db.execute(sql`create table bench_outbox_layout.before (like outbox including defaults)`);
for (const ddl of [
  'alter table bench_outbox_layout.before add primary key (id)',
  'alter table bench_outbox_layout.before add unique (idempotency_key)',
  'alter table bench_outbox_layout.before add foreign key (dossier_id) references bench_outbox_layout.dossiers (id)',
  'create index on bench_outbox_layout.before (dossier_id, created_at)',
  'create index on bench_outbox_layout.before (created_at, id)',
  "create index on bench_outbox_layout.before (next_attempt_at) where status in ('pending', 'sending')",
  "create index on bench_outbox_layout.before (sent_at) where status = 'sent'",
])
  await db.execute(sql.raw(ddl));

// The tables as a running system's: `rows` messages already, written in the same order into each.
let n = 0;
while (n * 3 < rowCount) {
  const batch: ReturnType<typeof outboxRows> = [];
  for (const dossierId of await newDossiers(Math.min(1000, Math.ceil(rowCount / 3) - n)))
    batch.push(...intakeMessages(dossierId, n++));
  await db.execute(insertInto('now', batch));
  await db.execute(insertInto('before', withoutIds(batch)));
}
await db.execute(sql`vacuum analyze bench_outbox_layout.now`);
await db.execute(sql`vacuum analyze bench_outbox_layout.before`);

const times: Record<'before' | 'now', number[]> = { before: [], now: [] };
const fresh = await newDossiers(intakes + 200);
for (const [i, dossierId] of fresh.entries()) {
  const order = i % 2 === 0 ? (['before', 'now'] as const) : (['now', 'before'] as const);
  for (const table of order) {
    const rows = intakeMessages(dossierId, n + i);
    const statement = insertInto(table, table === 'now' ? rows : withoutIds(rows));
    await db.transaction(async (tx) => {
      const started = performance.now();
      await tx.execute(statement);
      if (i >= 200) times[table].push(performance.now() - started); // the first 200 warm the caches
    });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const line = (t: 'before' | 'now') =>
  `${t}: median ${median(times[t]).toFixed(3)} ms, mean ${mean(times[t]).toFixed(3)} ms per intake's three messages`;
process.stdout.write(
  [
    `database: ${database.kind}; ${rowCount} messages in each table first, ${intakes} intakes`,
    line('before'),
    line('now'),
    `now / before: median ${(median(times.now) / median(times.before)).toFixed(3)}, ` +
      `mean ${(mean(times.now) / mean(times.before)).toFixed(3)}`,
  ].join('\n') + '\n',
);
await db.execute(sql`drop schema bench_outbox_layout cascade`);
await database.close();
