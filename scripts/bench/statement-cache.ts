/**
 * What a named (prepared) statement saves on an intake's event insert, with and without what the outbox
 * records of it (issue 12, `DATABASE_STATEMENT_CACHE`, src/db/statement-cache.ts), not a test. One connection
 * (node-postgres, no pool), two scratch tables in the schema `bench_statement_cache` shaped like
 * `dossier_events` and `outbox_events` (`LIKE … INCLUDING ALL`). Each intake is a new UUIDv7 dossier; its
 * event is inserted four ways, the order rotating:
 *   off        — the event alone, as Drizzle builds it, unnamed (parsed on every execution);
 *   on         — the event with the outbox's record in a CTE (`insertEvents` with `eventInsert`), unnamed;
 *                (until migration 0022 the CTE wrote the three rendered messages: docs/benchmarks.md);
 *   off named, on named — the same texts as named statements, parsed once on this connection (after five
 *                          runs PostgreSQL may also keep a generic plan, as it may for the application's).
 * Transactions of 100 intakes; the first 200 intakes warm up. Prints each median, the named / unnamed ratio
 * and what the outbox's record adds, unnamed and named. PostgreSQL only (PGlite has no protocol to prepare over).
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/statement-cache.ts [intakes=3000]
 * (drops and recreates its schema; the application's tables are not touched)
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { dossierEvents } from '../../src/db/schema/index.js';
import { uuidv7 } from '../../src/lib/uuid7.js';
import { eventInsert } from '../../src/modules/outbox/outbox.repository.js';
import { intakeContext } from './outbox-fixture.js';

const intakes = Number(process.argv[2] ?? 3000);
const url = loadConfig().databaseUrl;
if (!url) {
  process.stderr.write('usage: DATABASE_URL=postgres://… npx tsx scripts/bench/statement-cache.ts [intakes]\n');
  process.exit(2);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query('drop schema if exists bench_statement_cache cascade');
await client.query('create schema bench_statement_cache');
await client.query('create table bench_statement_cache.dossier_events (like public.dossier_events including all)');
await client.query('create table bench_statement_cache.outbox_events (like public.outbox_events including all)');
// Drizzle's unqualified table names resolve to the scratch tables.
await client.query('set search_path = bench_statement_cache, public');
// Drizzle only builds the texts here (toSQL); every statement runs on `client` with or without a name.
const build = drizzle(client);

type Variant = 'off' | 'on' | 'off named' | 'on named';
function statement(variant: Variant, dossierId: string, n: number): pg.QueryConfig {
  const event: typeof dossierEvents.$inferInsert = {
    dossierId,
    seq: 1,
    type: 'received',
    at: new Date(),
    actorId: null,
    toStatus: 'received',
    data: { channel: 'direct' },
  };
  const insert = variant.startsWith('on')
    ? (() => {
        // As the write path runs it (dossier.repository `insertEvents` with the outbox listener's statement).
        const cte = build.$with('write_0', {}).as(eventInsert(dossierId, 1, intakeContext(dossierId, n), new Date()));
        return build.with(cte).insert(dossierEvents).values(event).returning();
      })()
    : build.insert(dossierEvents).values(event).returning();
  const { sql: text, params } = insert.toSQL();
  return {
    text,
    values: params as unknown[],
    ...(variant.endsWith('named') ? { name: variant.replace(' ', '_') } : {}),
  };
}

const variants: Variant[] = ['off', 'on', 'off named', 'on named'];
const times = new Map<Variant, number[]>(variants.map((v) => [v, []]));
for (let i = 0; i < intakes + 200; i++) {
  if (i % 100 === 0) {
    if (i > 0) await client.query('commit');
    await client.query('begin');
  }
  for (let k = 0; k < variants.length; k++) {
    const variant = variants[(i + k) % variants.length]!;
    const query = statement(variant, uuidv7(), i);
    const started = performance.now();
    await client.query(query);
    if (i >= 200) times.get(variant)!.push(performance.now() - started);
  }
}
await client.query('commit');

const median = (v: Variant) => {
  const xs = [...times.get(v)!].sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
};
const ms = (x: number) => `${x.toFixed(3)} ms`;
process.stdout.write(
  [
    `PostgreSQL, one connection, ${intakes} intakes; medians of the statement's round trip:`,
    ...variants.map((v) => `${v}: ${ms(median(v))}`),
    `named / unnamed: off ${(median('off named') / median('off')).toFixed(3)}, on ${(median('on named') / median('on')).toFixed(3)}`,
    `what the outbox's record adds: unnamed ${ms(median('on') - median('off'))}, named ${ms(median('on named') - median('off named'))}`,
  ].join('\n') + '\n',
);
await client.query('drop schema bench_statement_cache cascade');
await client.end();
