/**
 * Gives an existing volume seed the realistic names and phone numbers of `seed-volume/names.ts`
 * (seeds made before issue 13 named everyone "Công dân N", which no real search looks like). Person
 * number n is the dossier's rank by id; the last four phone digits (the citizen's lookup secret) are
 * kept. Batched, so a million rows take a few minutes and the table stays usable meanwhile.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/seed-volume-names.ts [batch=5000]
 */
import pg from 'pg';
import { personName, personPhone } from './seed-volume/names.js';

const batch = Number(process.argv[2] ?? 5000);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('needs DATABASE_URL');
const client = new pg.Client({ connectionString: url });
await client.connect();
let after = '00000000-0000-0000-0000-000000000000';
let n = 0;
const started = Date.now();
for (;;) {
  const { rows } = await client.query<{ id: string; last4: string | null }>(
    'select id, phone_last4 as last4 from dossiers where id > $1 order by id limit $2',
    [after, batch],
  );
  if (rows.length === 0) break;
  const ids = rows.map((r) => r.id);
  const names = rows.map((_, i) => personName(n + i));
  const phones = rows.map((r, i) => personPhone(n + i, r.last4 ?? '0000'));
  await client.query(
    `update dossiers d set applicant_name = v.name,
       applicant = d.applicant || jsonb_build_object('name', v.name, 'phone', v.phone)
     from unnest($1::uuid[], $2::text[], $3::text[]) as v(id, name, phone) where d.id = v.id`,
    [ids, names, phones],
  );
  n += rows.length;
  after = ids[ids.length - 1]!;
  if (n % (batch * 20) === 0) process.stderr.write(`${n} rows, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
await client.query('vacuum analyze dossiers');
console.log(`renamed ${n} dossiers in ${((Date.now() - started) / 1000).toFixed(0)} s`);
await client.end();
