import type { Tx } from '../db/client.js';
import type { JobDefinition } from './scheduler.js';

/** The hourly due-soon and overdue sweep: the notifications module does the work (style.md 13). */
export function deadlineSweepJob(
  cron: string,
  sweep: (tx: Tx, asOf: Date) => Promise<Record<string, unknown>>,
): JobDefinition {
  return { name: 'deadline-sweep', cron, run: sweep };
}
