import { eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from '../lib/roles.js';

/** Ids of an agency and everything below it, as a subquery. */
export function agencySubtree(rootId: string): SQL {
  return sql`(with recursive subtree(id) as (
      select ${rootId}::uuid
      union all
      select a.id from agencies a join subtree s on a.parent_id = s.id
    ) select id from subtree)`;
}

/**
 * The agency condition every staff query carries (architecture.md "Access model"), applied in the
 * repository layer so a forgotten check in a service cannot leak another agency's records.
 * Administrators see everything; supervisors their agency's subtree; other roles their own agency.
 * Returns undefined when nothing needs filtering.
 */
export function agencyScope(actor: Actor, column: AnyColumn): SQL | undefined {
  if (actor.roles.includes('admin')) return undefined;
  if (!actor.agencyId) return sql`false`;
  if (actor.roles.includes('supervisor')) return sql`${column} in ${agencySubtree(actor.agencyId)}`;
  return eq(column, actor.agencyId);
}
