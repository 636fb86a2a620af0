import type { Tx } from '../db/client.js';
import type { JobDefinition } from './scheduler.js';

/** Nightly statistics snapshots: the stats module does the work (style.md 13). */
export function statsSnapshotJob(
  cron: string,
  snapshot: (tx: Tx, asOf: Date) => Promise<Record<string, unknown>>,
): JobDefinition {
  return { name: 'stats-snapshots', cron, run: snapshot };
}
