import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';

// Tests are the one place outside src/config.ts that reads the environment: which server to test against.
const serverUrl = process.env.TEST_DATABASE_URL || undefined;
/** The PostgreSQL server the suite runs on, if any (for a test that opens a pool of its own). */
export const testServerUrl = serverUrl;
let database: Database | undefined;

/** Drops everything in the throw-away test server so the suite starts from the migrations. */
async function resetServer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;',
    );
  } finally {
    await client.end();
  }
}

/**
 * The suite's database: in-memory PGlite, or the server at TEST_DATABASE_URL. Opening is
 * synchronous (apps are built while mocha loads files); nothing is queried before `prepareTestDatabase`.
 */
export function testDatabase(): Database {
  database ??= openDatabase({ url: serverUrl, pgliteDir: 'memory://', poolMax: 20 });
  return database;
}

/** Wipes the test server (if any) and applies the migrations; run once by the root hook. */
export async function prepareTestDatabase(): Promise<void> {
  if (serverUrl) await resetServer(serverUrl);
  await testDatabase().migrate();
}

export async function closeTestDatabase(): Promise<void> {
  await database?.close();
  database = undefined;
}
