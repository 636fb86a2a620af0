import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

export interface ChainLink {
  id: string;
  calendar: unknown;
}

/** An agency and its ancestors, nearest first (for inherited settings). */
export function ancestorChain(db: Db, agencyId: string): Promise<ChainLink[]> {
  return queryRows<ChainLink>(
    db,
    sql`
    with recursive chain(id, parent_id, calendar, depth) as (
      select id, parent_id, calendar, 0 from agencies where id = ${agencyId}::uuid
      union all
      select a.id, a.parent_id, a.calendar, c.depth + 1 from agencies a join chain c on a.id = c.parent_id where c.depth < 50
    ) select id, calendar from chain order by depth`,
  );
}
