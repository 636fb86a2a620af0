import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { ConfigError, loadConfig, STATEMENT_CACHE_DEFAULT } from '../../src/config.js';
import { queryRows } from '../../src/db/rows.js';
import { isWrite, statementNames } from '../../src/db/statement-cache.js';
import { testDatabase } from '../support/db.js';

describe('statement cache (DATABASE_STATEMENT_CACHE)', () => {
  it('names a write at its second sighting, keeps its name, and names no more than the limit', () => {
    const nameOf = statementNames(2);
    const write = (n: number) => `insert into t (a) values ($${n})`;
    assert.equal(nameOf(write(1)), undefined, 'a text seen once runs unnamed');
    assert.equal(nameOf(write(1)), 'motcua_1');
    assert.equal(nameOf(write(1)), 'motcua_1');
    assert.equal(nameOf(write(2)), undefined);
    assert.equal(nameOf(write(2)), 'motcua_2');
    assert.equal(nameOf(write(3)), undefined);
    assert.equal(nameOf(write(3)), undefined, 'past the limit, texts run unnamed');
    assert.equal(nameOf(write(1)), 'motcua_1');
  });

  it('names writes only: a read keeps being planned for its values', () => {
    for (const text of [
      'insert into "dossiers" ("id") values ($1) returning "id"',
      '  UPDATE outbox set status = $1 where id = $2',
      'delete from outbox where id = $1',
      'with "write_0" as (insert into outbox (id) select $1) insert into "dossier_events" ("id") values (default)',
      'with seq as (\n insert into daily_counters values ($1) returning last_seq) update dossiers set code = $2',
    ])
      assert.equal(isWrite(text), true, text);
    for (const text of [
      'select * from dossiers where agency_id = $1',
      'with due as (select id from outbox for update skip locked), claimed as (update outbox set status = $1) select * from claimed',
      'select "inserted" from t where a = $1',
      'updated_at',
    ])
      assert.equal(isWrite(text), false, text);
    const nameOf = statementNames(10);
    const read = 'select $1::int as n';
    assert.deepEqual([nameOf(read), nameOf(read), nameOf(read)], [undefined, undefined, undefined]);
  });

  it('gives one name one text, for any sequence of texts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 200 }), (limit, picks) => {
        const nameOf = statementNames(limit);
        const textOf = new Map<string, string>();
        const sightings = new Map<string, number>();
        for (const pick of picks) {
          const text = `update t set a = ${pick}`;
          sightings.set(text, (sightings.get(text) ?? 0) + 1);
          const name = nameOf(text);
          if (name === undefined) continue;
          assert.ok((sightings.get(text) ?? 0) >= 2, 'named only once seen before');
          assert.equal(textOf.get(name) ?? text, text, `${name} stands for one text`);
          textOf.set(name, text);
        }
        assert.ok(textOf.size <= limit);
      }),
    );
  });

  it('is on by default, can be turned off, and refuses a negative size', () => {
    assert.equal(loadConfig({}).databaseStatementCache, STATEMENT_CACHE_DEFAULT);
    assert.equal(loadConfig({ DATABASE_STATEMENT_CACHE: '0' }).databaseStatementCache, 0);
    assert.throws(
      () => loadConfig({ DATABASE_STATEMENT_CACHE: '-1' }),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('DATABASE_STATEMENT_CACHE')),
    );
  });

  it('prepares a repeated write on PostgreSQL and leaves a repeated read unnamed; PGlite stores the same rows', async () => {
    const database = testDatabase();
    // One transaction holds one connection: each statement's later runs are on the connection that saw the first.
    const { stored, prepared } = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table statement_cache_probe (n int) on commit drop`);
      for (const n of [1, 2, 3]) {
        await tx.execute(sql`insert into statement_cache_probe (n) values (${n} * 10)`);
        await queryRows(tx, sql`select count(*)::int as c from statement_cache_probe where n >= ${n}`);
      }
      const stored = (await queryRows<{ n: number }>(tx, sql`select n from statement_cache_probe order by n`)).map(
        (r) => r.n,
      );
      const prepared =
        database.kind === 'postgres'
          ? await queryRows<{ name: string; statement: string }>(
              tx,
              sql`select name, statement from pg_prepared_statements where statement like ${'%statement_cache_probe%'}
                and statement not like ${'%pg_prepared_statements%'} order by name`,
            )
          : [];
      return { stored, prepared };
    });
    assert.deepEqual(stored, [10, 20, 30]);
    if (database.kind === 'postgres') {
      assert.equal(prepared.length, 1, 'the insert, prepared once on this connection; not the count');
      assert.match(prepared[0]!.name, /^motcua_\d+$/);
      assert.match(prepared[0]!.statement, /^insert into statement_cache_probe/);
    } else {
      assert.deepEqual(prepared, [], 'PGlite runs in the process: nothing to prepare');
    }
  });
});
