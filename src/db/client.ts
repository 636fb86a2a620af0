import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { STATEMENT_CACHE_DEFAULT } from '../config.js';
import { queryRows } from './rows.js';
import { statementCachingClient } from './statement-cache.js';
import * as schema from './schema/index.js';

/** The Drizzle handle every repository uses; the same type for PGlite and node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * An open transaction. Writes of an aggregate and every read they depend on take a `Tx`, not a
 * `Db`: passing the pool handle where a transaction is needed is a type error, so a read cannot
 * silently run outside the transaction (on PostgreSQL) or wait for its one connection (on PGlite).
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Applies the committed migrations (style.md 7); safe when several instances start at once. */
  migrate(): Promise<void>;
  /** Throws unless the database answers and every committed migration is applied. */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  pgliteDir: string;
  poolMax: number;
  /** Named prepared statements per pool on PostgreSQL (`DATABASE_STATEMENT_CACHE`; 0 = none); statement-cache.ts. */
  statementCache?: number;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATION_LOCK = 7201001;

function committedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/** Opens PostgreSQL at `url`, or the embedded PGlite database when no URL is given. */
export function openDatabase(options: DatabaseOptions): Database {
  return options.url
    ? openPostgres(options.url, options.poolMax, options.statementCache ?? STATEMENT_CACHE_DEFAULT)
    : openPglite(options.pgliteDir);
}

function openPostgres(url: string, poolMax: number, statementCache: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    ...(statementCache > 0 ? { Client: statementCachingClient(statementCache) } : {}),
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // Session-level advisory lock: hold one connection for the lock and the migration.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    checkReady: () => checkReady(db),
    close: () => pool.end(),
  };
}

function openPglite(dir: string): Database {
  const inMemory = dir.startsWith('memory://');
  if (!inMemory) mkdirSync(dir, { recursive: true });
  // pg_trgm backs the clerks' search (migration 0010), as on PostgreSQL.
  const client = new PGlite({ ...(inMemory ? {} : { dataDir: dir }), extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    checkReady: () => checkReady(db),
    close: () => client.close(),
  };
}

const expectedMigrations = committedMigrationCount();

async function checkReady(db: Db): Promise<void> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const applied = Number(rows[0]?.n ?? 0);
  if (applied < expectedMigrations) {
    throw new Error(`migrations pending: ${applied} of ${expectedMigrations} applied`);
  }
}
