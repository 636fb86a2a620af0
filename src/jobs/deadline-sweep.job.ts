import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { OPEN_STATUSES } from '../modules/dossiers/dossier.transitions.js';
import type { JobDefinition } from './scheduler.js';

/**
 * The hourly sweep (issue 5): a notification for the responsible staff of every running dossier that
 * is overdue or due within one working day — its assignee, or else the leaders of the handling
 * agency — once per dossier, user and kind. `dueSoonUntil` gives the instant one working day ahead.
 */
export function deadlineSweepJob(cron: string, dueSoonUntil: (asOf: Date, tx: Db) => Promise<Date>): JobDefinition {
  return {
    name: 'deadline-sweep',
    cron,
    async run(tx, asOf) {
      const soon = await dueSoonUntil(asOf, tx); // through tx: PGlite has one connection
      const now = sql`${asOf.toISOString()}::timestamptz`;
      const rows = await queryRows<{ n: number }>(tx, sql`
        with inserted as (
          insert into notifications (user_id, dossier_id, kind, due_at, created_at)
          select r.user_id, d.id, case when d.due_at < ${now} then 'overdue' else 'due_soon' end, d.due_at, ${now}
          from dossiers d
          join lateral (
            select d.assignee_id as user_id where d.assignee_id is not null
            union all
            select u.id from users u where d.assignee_id is null and u.agency_id = d.agency_id and 'leader' = any(u.roles) and not u.disabled
          ) r on true
          where d.status in ${[...OPEN_STATUSES]} and d.paused_since is null and d.due_at < ${soon.toISOString()}::timestamptz
          on conflict (user_id, dossier_id, kind) do nothing
          returning 1
        ) select count(*)::int as n from inserted`);
      return { notified: Number(rows[0]?.n ?? 0) };
    },
  };
}
