/**
 * Clerks' search on the seeded volume (issue 13: p95 < 50 ms on 1 M dossiers), as clerks search: for
 * 200 dossiers drawn at random, the applicant's full name as typed, surname and given name without
 * tone marks, the given name alone, initials and a given name ("ng v binh"), the phone's last four
 * digits and the whole phone number. Each query runs through the repository's own list query
 * (`listVisible`: scope, search condition, newest first, 51 rows) twice: as the province supervisor
 * (the widest scope) and as a clerk of the dossier's agency. Baseline in the same run: the same list
 * without a search (the newest 51 of the scope), so the ratio says what the search adds.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench/search.ts [samples=200]
 *
 * Run `scripts/seed-volume-names.ts` first on a seed made before issue 13 (names "Công dân N").
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import type { Role } from '../../src/lib/roles.js';
import { listVisible, searchKey } from '../../src/modules/dossiers/dossier.repository.js';

const samples = Number(process.argv[2] ?? 200);
const config = loadConfig();
if (!config.databaseUrl) throw new Error('needs DATABASE_URL');
const database = openDatabase({ url: config.databaseUrl, pgliteDir: '', poolMax: 2 });
await database.migrate();
const { db } = database;

const [root] = await queryRows<{ id: string }>(db, sql`select id from agencies where parent_id is null limit 1`);
const picked = await queryRows<{ name: string; phone: string; agency_id: string }>(
  db,
  sql`select applicant_name as name, applicant->>'phone' as phone, agency_id from dossiers tablesample system (1) repeatable (13) limit ${samples}`,
);
const actor = (roles: Role[], agencyId: string) => ({
  userId: crypto.randomUUID(),
  username: 'bench',
  roles,
  agencyId,
});
const supervisor = actor(['supervisor'], root!.id);
const frame = { now: new Date() };

const kinds: Record<string, (p: (typeof picked)[number]) => string> = {
  'full name as typed': (p) => p.name,
  'surname + given, no marks': (p) => {
    const w = searchKey(p.name).split(' ');
    return `${w[0]} ${w[w.length - 1]}`;
  },
  'given name alone': (p) => searchKey(p.name).split(' ').at(-1)!,
  'initials + given name': (p) => {
    const w = searchKey(p.name).split(' ');
    return [...w.slice(0, -1).map((x) => x.slice(0, 2)), w.at(-1)].join(' ');
  },
  'last four phone digits': (p) => p.phone.slice(-4),
  'whole phone number': (p) => p.phone,
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

// Warm the caches once over every query, then measure.
for (const p of picked)
  for (const make of Object.values(kinds)) await listVisible(db, supervisor, { q: make(p), limit: 50 }, frame);

const results: Array<[string, number[], number[]]> = [];
const baseline: { wide: number[]; clerk: number[] } = { wide: [], clerk: [] };
for (const p of picked) {
  const clerk = actor(['receptionist'], p.agency_id);
  baseline.wide.push(await timed(() => listVisible(db, supervisor, { limit: 50 }, frame)));
  baseline.clerk.push(await timed(() => listVisible(db, clerk, { limit: 50 }, frame)));
}
for (const [label, make] of Object.entries(kinds)) {
  const wide: number[] = [];
  const own: number[] = [];
  for (const p of picked) {
    const clerk = actor(['receptionist'], p.agency_id);
    wide.push(await timed(() => listVisible(db, supervisor, { q: make(p), limit: 50 }, frame)));
    own.push(await timed(() => listVisible(db, clerk, { q: make(p), limit: 50 }, frame)));
  }
  results.push([label, wide, own]);
}

const f = (x: number) => `${x.toFixed(1)} ms`;
const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from dossiers`);
console.log(
  `${count!.n} dossiers, ${picked.length} sampled applicants; times are one query each, from the application`,
);
console.log(
  `baseline (list without search): province p95 ${f(pct(baseline.wide, 0.95))}, one agency p95 ${f(pct(baseline.clerk, 0.95))}`,
);
const all: number[] = [];
for (const [label, wide, own] of results) {
  all.push(...wide, ...own);
  console.log(
    `${label.padEnd(28)} province p50 ${f(pct(wide, 0.5))} p95 ${f(pct(wide, 0.95))} max ${f(Math.max(...wide))}` +
      ` | one agency p50 ${f(pct(own, 0.5))} p95 ${f(pct(own, 0.95))} max ${f(Math.max(...own))}`,
  );
}
console.log(
  `all searches: p95 ${f(pct(all, 0.95))} (target < 50 ms); ratio to the province list p95: ${(pct(all, 0.95) / pct(baseline.wide, 0.95)).toFixed(2)}`,
);
await database.close();
