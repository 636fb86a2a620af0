import type { Db } from '../db/client.js';
import type { JobDefinition } from './scheduler.js';

/**
 * The daily cleanup (issue 9 item 8a): expired and revoked refresh tokens, and old login-failure
 * counts, are deleted by the auth module's session service; the job only schedules it.
 */
export function tokenCleanupJob(
  cron: string,
  cleanup: (tx: Db, asOf: Date) => Promise<Record<string, number>>,
): JobDefinition {
  return { name: 'token-cleanup', cron, run: (tx, asOf) => cleanup(tx, asOf) };
}
