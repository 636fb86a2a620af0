import type { DossierContext } from './context.js';

export interface DeadlineChange {
  /** Agency subtree whose calendar changed; null = national. */
  agencyId: string | null;
  year?: number;
}

const BATCH = 500;

/**
 * Domain B2: when an agency's calendar or a year's overrides change, open dossiers get the deadline
 * their ledger gives under the new calendar. Runs as a job, batch by batch, each batch its own
 * transaction through the write path, so requests interleave and a crash loses at most one batch.
 */
export async function recomputeDeadlines(ctx: DossierContext, change: DeadlineChange) {
  let afterId: string | null = null;
  let scanned = 0;
  let changed = 0;
  for (;;) {
    const at = ctx.clock.now();
    const batch = await ctx.db.transaction((tx) =>
      ctx.write.recomputeBatch(tx, { ...change, afterId, limit: BATCH, at }),
    );
    scanned += batch.scanned;
    changed += batch.changed;
    if (batch.scanned < BATCH || !batch.lastId) break;
    afterId = batch.lastId;
  }
  return { scanned, changed };
}
