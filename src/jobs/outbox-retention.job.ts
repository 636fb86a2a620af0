import type { JobDefinition } from './scheduler.js';

/**
 * The daily outbox cleanup: delivered and dead messages past their retention go, with their
 * delivery log. The outbox module does the work in short batches of its own (style.md 13).
 */
export function outboxRetentionJob(
  cron: string,
  purge: (asOf: Date) => Promise<Record<string, unknown>>,
): JobDefinition {
  return { name: 'outbox-retention', cron, runInBatches: purge };
}
