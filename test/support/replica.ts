import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';

// The replica suite runs against a real streaming standby of TEST_DATABASE_URL (scripts/replica.sh).
const replicaUrl = process.env.TEST_REPLICA_URL || undefined;
let replica: Database | undefined;

/** The standby as the app opens it; fails (never skips) when the suite is run without one. */
export function testReplica(): Database {
  if (!replicaUrl || !process.env.TEST_DATABASE_URL) {
    throw new Error(
      'the replica suite needs TEST_DATABASE_URL and TEST_REPLICA_URL: eval "$(scripts/replica.sh start)"',
    );
  }
  replica ??= openDatabase({ url: replicaUrl, pgliteDir: '', poolMax: 5 });
  return replica;
}

/** Runs one statement on the standby as its superuser (replay control), outside the app's pool. */
export async function onStandby<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: replicaUrl });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until the standby has replayed everything the primary has written so far. */
export async function waitForReplay(primaryUrl = process.env.TEST_DATABASE_URL, timeoutMs = 15_000): Promise<void> {
  const primary = new pg.Client({ connectionString: primaryUrl });
  await primary.connect();
  try {
    const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await onStandby<{ done: boolean }>(
        `select pg_last_wal_replay_lsn() >= '${rows[0]!.lsn}'::pg_lsn as done`,
      );
      if (row?.done) return;
      if (Date.now() > until) throw new Error('the standby did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await primary.end();
  }
}

export async function closeTestReplica(): Promise<void> {
  await replica?.close();
  replica = undefined;
}
