import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import pg from 'pg';
import { ConfigError, loadConfig, STATEMENT_CACHE_DEFAULT } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { queryRows } from '../../src/db/rows.js';
import { isWrite, statementCachingClient, statementNames } from '../../src/db/statement-cache.js';
import { testDatabase, testServerUrl } from '../support/db.js';

describe('statement cache (DATABASE_STATEMENT_CACHE)', () => {
  it('names a write at its second sighting, keeps its name, and names no more than the limit', () => {
    const { nameOf } = statementNames(2);
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
    const { nameOf } = statementNames(10);
    const read = 'select $1::int as n';
    assert.deepEqual([nameOf(read), nameOf(read), nameOf(read)], [undefined, undefined, undefined]);
  });

  it('leaves a long text unnamed, and gives a forgotten text a new name, never an old one', () => {
    const { nameOf, forget } = statementNames(10);
    const long = `insert into t (a) values ${Array.from({ length: 2000 }, (_, i) => `($${i + 1})`).join(', ')}`;
    assert.deepEqual([nameOf(long), nameOf(long), nameOf(long)], [undefined, undefined, undefined]);
    const a = 'update t set a = $1';
    const b = 'update t set b = $1';
    nameOf(a);
    nameOf(b);
    assert.deepEqual([nameOf(a), nameOf(b)], ['motcua_1', 'motcua_2']);
    forget(a);
    assert.equal(nameOf(a), undefined, 'seen anew');
    assert.equal(nameOf(a), 'motcua_3');
    assert.equal(nameOf(b), 'motcua_2');
  });

  it("names the client's repeated parameterized writes, forgets a lost one, and passes errors on", async () => {
    // What reaches node-postgres's `query`: the recorder stands in for it.
    const seen: Array<string | undefined> = [];
    let fail: { code: string } | undefined;
    class Recorder extends pg.Client {}
    Object.assign(Recorder.prototype, {
      query(config: { name?: string }, values?: unknown, callback?: unknown) {
        seen.push(typeof config === 'object' ? config.name : undefined);
        const cb = typeof values === 'function' ? values : callback;
        if (typeof cb === 'function') return void cb(fail, fail ? undefined : { rows: [] });
        return fail ? Promise.reject(fail) : Promise.resolve({ rows: [] });
      },
    });
    const client = new (statementCachingClient(10, Recorder))();
    const write = { text: 'insert into t (a) values ($1)', values: [1] };
    for (const q of [
      write,
      write,
      { text: 'insert into t (a) values (1)' }, // no values: the simple protocol
      { text: 'select $1::int', values: [1] },
      { text: 'select $1::int', values: [1] },
      { ...write, name: 'mine' },
    ])
      await client.query(q);
    await client.query(write.text, [2]); // a text, not a config: as given
    // The callback forms: pg-pool's `client.query(config, values, callback)`, and (config, callback).
    await new Promise<void>((resolve) => (client.query as (...a: unknown[]) => void)(write, [3], () => resolve()));
    await new Promise<void>((resolve) => client.query({ ...write, values: [4] }, () => resolve()));
    assert.deepEqual(seen, [
      ...[undefined, 'motcua_1', undefined, undefined, undefined, 'mine', undefined],
      ...['motcua_1', 'motcua_1'],
    ]);
    // The server lost the statement (26000): the error reaches the caller, and the text is named anew.
    fail = { code: '26000' };
    await assert.rejects(client.query(write), (e: unknown) => e === fail);
    fail = undefined;
    seen.length = 0;
    await client.query(write);
    await client.query(write);
    assert.deepEqual(seen, [undefined, 'motcua_2']);
  });

  it('gives one name one text, for any sequence of texts (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 200 }),
        (limit, picks) => {
          const { nameOf } = statementNames(limit);
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
        },
      ),
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
      await recoversFromLostStatement(testServerUrl!);
    } else {
      assert.deepEqual(prepared, [], 'PGlite runs in the process: nothing to prepare');
    }
  });
});

/**
 * On one connection (a pool of one): a statement the server dropped (`DEALLOCATE ALL`) fails its next
 * run once (26000), then its text runs unnamed and gets a new name.
 */
async function recoversFromLostStatement(url: string): Promise<void> {
  const single = openDatabase({ url, pgliteDir: '', poolMax: 1 });
  try {
    await single.db.execute(sql`drop table if exists statement_cache_lost`);
    await single.db.execute(sql`create table statement_cache_lost (n int)`);
    const insert = (n: number) => single.db.execute(sql`insert into statement_cache_lost (n) values (${n})`);
    const names = async () =>
      (
        await queryRows<{ name: string }>(
          single.db,
          sql`select name from pg_prepared_statements where statement like ${'insert into statement_cache_lost%'}`,
        )
      ).map((r) => r.name);
    await insert(1);
    await insert(2);
    const [first] = await names();
    assert.match(first ?? '', /^motcua_\d+$/);
    await single.db.execute(sql`deallocate all`);
    // Drizzle wraps the driver's error in its own, with the driver's as its cause.
    await assert.rejects(insert(3), (e: unknown) => (e as { cause?: { code?: string } }).cause?.code === '26000');
    await insert(4); // seen anew: unnamed
    await insert(5); // a new name, parsed on this connection
    const [second] = await names();
    assert.ok(second && second !== first, `${second} is a new name`);
    const stored = await queryRows<{ n: number }>(single.db, sql`select n from statement_cache_lost order by n`);
    assert.deepEqual(
      stored.map((r) => r.n),
      [1, 2, 4, 5],
    );
  } finally {
    await single.db.execute(sql`drop table if exists statement_cache_lost`);
    await single.close();
  }
}
